using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Mail;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// Sends the "forgot password" mail from the task queue, so that the page answers in the same time whether or not
/// the address exists. The input is the token row's id; the link waits encrypted on that row and is cleared once sent.
/// A failed send throws, and the queue tries again with its backoff while the link is still valid.
/// </summary>
public sealed class PasswordResetMail(IDbContextFactory<AppDbContext> contexts, ISecretProtector secrets, IMailSender mail, TimeProvider clock) : ITaskHandler
{
    public const string TaskName = "mail.password-reset";
    public const string Queue = "mail";

    public sealed record Input(Guid TokenId);

    public string Name => TaskName;

    public static TaskRequest Request(Guid tokenId) =>
        new(Queue, TaskName, JsonSerializer.Serialize(new Input(tokenId), JsonSerializerOptions.Web), MaxTries: 5, Backoff: TimeSpan.FromSeconds(30));

    public async Task<string?> HandleAsync(TaskExecution task, CancellationToken cancellationToken)
    {
        var input = JsonSerializer.Deserialize<Input>(task.InputJson ?? "{}", JsonSerializerOptions.Web) ?? throw new InvalidOperationException("The task has no input.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.PasswordResetTokens.FirstOrDefaultAsync(t => t.Id == input.TokenId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token?.PendingLink is null) return Outcome("nothing to send: the link was sent already or no longer exists");
        if (token.UsedAt is not null || token.ExpiresAt <= now)
        {
            token.PendingLink = null;
            await db.SaveChangesAsync(cancellationToken);
            return Outcome("not sent: the link expired or was used before the mail went out");
        }
        var user = await db.ClientUsers.AsNoTracking().FirstAsync(u => u.Id == token.ClientUserId, cancellationToken);
        var minutes = (int)Math.Round((token.ExpiresAt - token.CreatedAt).TotalMinutes);
        var link = secrets.Unprotect(token.PendingLink);
        await mail.SendAsync(new OutgoingMail(user.Email, "Reset your PuqCloud password",
            $"""
            Hello {(user.FullName.Length > 0 ? MailText.OneLine(user.FullName) : user.Email)},

            Someone, hopefully you, asked to reset the password of your client-area account.
            Open this link within {minutes} minutes to choose a new password:

            {link}

            If you did not ask for this, ignore this e-mail: your password stays as it is.
            """), cancellationToken);
        token.PendingLink = null;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome("sent");
    }

    private static string Outcome(string text) => JsonSerializer.Serialize(new { outcome = text });
}
