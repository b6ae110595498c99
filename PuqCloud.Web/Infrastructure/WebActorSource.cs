using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// The actor of a web scope. In an HTTP request (API, sign-in pages) it is the request's user; in a
/// Blazor circuit there is no request, so <see cref="ActorCircuitHandler"/> records the circuit's user
/// and address when the circuit opens and whenever its authentication state changes.
/// </summary>
public sealed class WebActorSource(IHttpContextAccessor http) : IActorSource
{
    private ClaimsPrincipal? _circuitUser;
    private string? _circuitIp;
    private bool _inCircuit;

    public Actor GetActor()
    {
        if (_inCircuit) return Actor.FromPrincipal(_circuitUser, _circuitIp, Channels.Web);
        var context = http.HttpContext;
        if (context is null) return Actor.Anonymous(null, Channels.Web);
        var channel = AuthSchemes.IsApi(context.Request.Path) ? Channels.Api : Channels.Web;
        return Actor.FromPrincipal(context.User, context.Connection.RemoteIpAddress?.ToString(), channel);
    }

    /// <summary>The address the circuit was opened from (null outside a circuit).</summary>
    public string? CircuitIp => _circuitIp;

    internal void EnterCircuit(string? ip) { _inCircuit = true; _circuitIp ??= ip; }

    internal void SetCircuitUser(ClaimsPrincipal user) => _circuitUser = user;
}

public sealed class ActorCircuitHandler(WebActorSource actors, AuthenticationStateProvider authentication, IHttpContextAccessor http,
    CircuitCorrelation correlation, ILogger<ActorCircuitHandler> logger) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        correlation.Id = http.HttpContext?.TraceIdentifier ?? circuit.Id;
        actors.EnterCircuit(http.HttpContext?.Connection.RemoteIpAddress?.ToString());
        actors.SetCircuitUser((await authentication.GetAuthenticationStateAsync()).User);
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> state)
    {
        try
        {
            actors.SetCircuitUser((await state).User);
        }
        catch (Exception ex)
        {
            // A failed state keeps the last known user; the next request re-checks the account anyway.
            using (correlation.Scope(logger)) logger.LogWarning(ex, "The circuit's sign-in state could not be read; the last known user stays");
        }
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}
