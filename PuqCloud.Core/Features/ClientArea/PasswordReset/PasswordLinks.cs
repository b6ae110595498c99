using System.Security.Cryptography;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// Single-use links that let a client user set a password: "forgot password" and invitations. The link
/// carries a random token; the database keeps only its SHA-256 hash.
/// </summary>
public static class PasswordLinks
{
    public const string ResetPath = "login/reset";
    /// <summary>An invited person may take a while to open the mail: a week instead of the reset link's minutes.</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    /// <summary>Unused, unexpired links one user may hold at once; further requests send nothing.</summary>
    public const int MaxOpenLinks = 3;

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>A token's row (saved by the caller) and the link to put in the mail.</summary>
    public sealed record IssuedLink(PasswordResetToken Row, string Url);

    /// <summary>Adds a token for the user (saved by the caller) and answers its row and the link.</summary>
    public static IssuedLink Issue(AppDbContext db, Guid clientUserId, Uri baseUri, DateTime now, TimeSpan lifetime, bool invitation = false)
    {
        var token = NewToken();
        var row = new PasswordResetToken { ClientUserId = clientUserId, TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + lifetime };
        db.PasswordResetTokens.Add(row);
        return new IssuedLink(row, new Uri(baseUri, $"{ResetPath}?token={token}{(invitation ? "&welcome=1" : "")}").ToString());
    }
}
