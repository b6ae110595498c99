using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Security;

namespace PuqCloud.Web.Components.Shared;

/// <summary>
/// Records the navigations inside a circuit (which make no HTTP request) into the session log, like the
/// middleware records HTTP requests: a layout places one, naming whose area it is.
/// </summary>
public sealed class NavigationRecorder : ComponentBase, IDisposable
{
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private ActorContext Actors { get; set; } = default!;
    [Inject] private IRequestLogWriter Writer { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>Staff for the console, ClientUser for the client area.</summary>
    [Parameter] public ActorKind Kind { get; set; }

    protected override void OnInitialized() => Navigation.LocationChanged += OnLocationChanged;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = RecordAsync(e.Location);

    private async Task RecordAsync(string location)
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        var url = "/" + Navigation.ToBaseRelativePath(location);
        var entry = SessionRecords.For(user, Kind, Clock.GetUtcNow().UtcDateTime, Actors.Current.Ip, url, Channels.Web, HttpMethods.Get);
        if (entry is not null) Writer.TryWrite(entry);
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
