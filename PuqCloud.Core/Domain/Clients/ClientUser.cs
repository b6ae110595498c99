using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Clients;

/// <summary>A person who signs in to the client area at /login. Clients and memberships come with the people issue.</summary>
public class ClientUser : Account
{
    public string? Phone { get; set; }
}
