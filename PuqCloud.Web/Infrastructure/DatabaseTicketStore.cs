using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Keeps the console's and the client area's sign-ins on the server (<see cref="ISignInSessions"/>): the cookie holds
/// only the key, which is the sign-in's <see cref="PuqClaims.SessionId"/> claim, so an open circuit can check that its
/// sign-in still exists (<see cref="SessionRevalidation"/>). Signing out removes it, which a cookie alone cannot do.
/// </summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, string scheme) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ISignInSessions>();
        var id = SessionIdOf(ticket) ?? throw new InvalidOperationException("A sign-in is issued with its session id (SessionCookies).");
        var account = ticket.Principal.FindFirst(PuqClaims.StaffId)?.Value ?? ticket.Principal.FindFirst(PuqClaims.ClientUserId)?.Value;
        await sessions.StoreAsync(id, scheme, Guid.TryParse(account, out var accountId) ? accountId : Guid.Empty, TicketSerializer.Default.Serialize(ticket),
            ticket.Properties.ExpiresUtc?.UtcDateTime);
        return id.ToString();
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        if (!Guid.TryParse(key, out var id)) return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISignInSessions>().RenewAsync(id, TicketSerializer.Default.Serialize(ticket), ticket.Properties.ExpiresUtc?.UtcDateTime);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!Guid.TryParse(key, out var id)) return null;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISignInSessions>().RetrieveAsync(id) is { } bytes ? TicketSerializer.Default.Deserialize(bytes) : null;
    }

    public async Task RemoveAsync(string key)
    {
        if (!Guid.TryParse(key, out var id)) return;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISignInSessions>().RemoveAsync(id);
    }

    /// <summary>The sign-in's own id, which the cookie and the server row share.</summary>
    public static Guid? SessionIdOf(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirst(PuqClaims.SessionId)?.Value, out var id) ? id : null;

    /// <summary>Puts the console's and the client area's cookies on the server store.</summary>
    public static void Use(IServiceCollection services, params string[] schemes)
    {
        foreach (var scheme in schemes)
            services.AddOptions<CookieAuthenticationOptions>(scheme).Configure<IServiceScopeFactory>((o, s) => o.SessionStore = new DatabaseTicketStore(s, scheme));
    }
}
