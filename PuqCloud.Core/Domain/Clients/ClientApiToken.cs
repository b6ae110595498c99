using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Clients;

/// <summary>
/// A client user's token for the client API (/api/client/v1), made in the client area for one client the user belongs
/// to. It acts as that user for that client only, with the permissions the user holds there when it is used (so
/// taking a permission away, or the user out of the client, takes it from the token too). Only its SHA-256 hash is stored.
/// </summary>
public class ClientApiToken : Entity
{
    public Guid ClientUserId { get; set; }
    public ClientUser? ClientUser { get; set; }
    public Guid ClientId { get; set; }
    public Client? Client { get; set; }
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
