using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Clients;

/// <summary>A person who signs in to the client area at /login. Clients and memberships come with the people issue.</summary>
public class ClientUser : Account
{
    public string? Phone { get; set; }
    /// <summary>Internal notes, seen by staff only.</summary>
    public string? AdminNotes { get; set; }
    public DateTime? EmailVerifiedAt { get; set; }
    public DateTime? PhoneVerifiedAt { get; set; }

    public List<ClientMembership> Memberships { get; set; } = [];
}
