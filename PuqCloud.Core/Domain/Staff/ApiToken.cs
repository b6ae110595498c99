using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Staff;

/// <summary>A personal API token of a staff account. Only its SHA-256 hash is stored.</summary>
public class ApiToken : Entity
{
    public Guid StaffAccountId { get; set; }
    public StaffAccount? StaffAccount { get; set; }
    public string Name { get; set; } = "";
    /// <summary>The first characters of the token, shown so that a person can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    [Sensitive] public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsUsable(DateTime now) => RevokedAt is null && ExpiresAt > now;
}
