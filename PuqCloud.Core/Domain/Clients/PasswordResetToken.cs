using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Clients;

/// <summary>A single-use link to set a new password, sent by e-mail. Only its hash is stored.</summary>
public class PasswordResetToken : Entity
{
    public Guid ClientUserId { get; set; }
    [Sensitive] public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}
