using System.Text;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>Whether a reset link can still be used (the page says so before asking for a password).</summary>
[Anonymous]
public sealed record CheckPasswordResetToken(string Token) : IQuery<bool>;

public sealed class CheckPasswordResetTokenHandler(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IRequestHandler<CheckPasswordResetToken, bool>
{
    public async Task<bool> Handle(CheckPasswordResetToken request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Token)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = PasswordLinks.Hash(request.Token.Trim());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.PasswordResetTokens.AnyAsync(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now, cancellationToken);
    }
}
