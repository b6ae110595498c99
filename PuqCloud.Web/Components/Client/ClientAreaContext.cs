using PuqCloud.Core.Features.ClientArea;

namespace PuqCloud.Web.Components.Client;

/// <summary>
/// What the client-area layout hands its pages: who is signed in, the clients they belong to and the one
/// they work on now. Only for showing and hiding things: every request checks membership and permission again.
/// </summary>
public sealed record ClientAreaContext(MyClientAccount Me, IReadOnlyList<MyClient> Clients, MyClient? Current, ClientAreaBrand? Brand = null)
{
    /// <summary>
    /// The staff member who opened this session with "Sign in as client", or null for the client's own. Such a session
    /// changes none of the client's ways in (the requests refuse it); the pages say so and disable those controls.
    /// </summary>
    public string? SignedInByStaff { get; init; }

    /// <summary>The company name the client area carries in its bar and page titles.</summary>
    public string BrandName => Brand?.Name ?? ClientAreaBrand.Fallback;

    public bool Has(string permission) => Current?.Has(permission) == true;

    /// <summary>The preferred client while the user still belongs to it; otherwise the first owned one, otherwise the first.</summary>
    public static MyClient? Choose(IReadOnlyList<MyClient> clients, Guid? preferred) =>
        clients.FirstOrDefault(c => c.ClientId == preferred) ?? clients.FirstOrDefault(c => c.IsOwner) ?? clients.FirstOrDefault();
}
