using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Clients;

/// <summary>A single-use link to set a new password, sent by e-mail. Only its hash is kept once the mail is out.</summary>
public class PasswordResetToken : Entity
{
    public Guid ClientUserId { get; set; }
    [Sensitive] public string TokenHash { get; set; } = "";
    /// <summary>
    /// The link encrypted with Data Protection, only while the mail task still has to send it (the task's input holds
    /// this row's id, never the link); cleared when the mail is sent.
    /// </summary>
    [Sensitive] public string? PendingLink { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
