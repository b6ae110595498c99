using System.Globalization;
using Microsoft.AspNetCore.Components;
using PuqCloud.Core.Live;

namespace PuqCloud.Web.Components.Shared;

/// <summary>
/// A component that refreshes when the server publishes an event of a topic: it subscribes when it is first given its
/// parameters on a live circuit, before it loads anything (an event between its load and a later subscription would be
/// lost, and the page would show stale figures until the next one), refreshes on its own circuit's dispatcher, and
/// unsubscribes when disposed. A prerender subscribes to nothing.
/// </summary>
public abstract class LiveComponentBase : PuqComponentBase
{
    private readonly List<IDisposable> _subscriptions = [];
    private bool _subscribed;

    [Inject] private ILiveEvents LiveEvents { get; set; } = default!;
    [Inject] private ILogger<LiveComponentBase> Logger { get; set; } = default!;
    [Inject] private Infrastructure.CircuitCorrelation Correlation { get; set; } = default!;

    /// <summary>Topics to follow and what to do on an event; called once, when the parameters are first set.</summary>
    protected abstract IEnumerable<(string Topic, Func<LiveEvent, Task> Refresh)> LiveTopics();

    public override Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);
        if (!_subscribed && RendererInfo.IsInteractive)
        {
            _subscribed = true;
            Subscribe();
        }
        return base.SetParametersAsync(ParameterView.Empty);
    }

    private void Subscribe()
    {
        // The publisher's thread carries its own culture (a job's is the server default): a refresh renders in the
        // person's language only when the circuit's culture is put back first.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        foreach (var (topic, refresh) in LiveTopics())
        {
            _subscriptions.Add(LiveEvents.Subscribe(topic, liveEvent =>
            {
                // Do not hold up the publisher: queue the refresh on this circuit and return.
                _ = InvokeAsync(async () =>
                {
                    // Queued before the component went away, run after: nothing left to refresh.
                    if (IsDisposed) return;
                    (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
                    try
                    {
                        await refresh(liveEvent);
                        StateHasChanged();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException || !Closing.IsCancellationRequested)
                    {
                        // Nobody awaits this refresh: its failure is logged with the circuit's correlation id, and the page stays as it was.
                        using (Correlation.Scope(Logger))
                            Logger.LogError(ex, "A live refresh of {Component} on {Topic} failed", GetType().Name, topic);
                    }
                });
                return Task.CompletedTask;
            }));
        }
    }

    public override void Dispose()
    {
        foreach (var subscription in _subscriptions) subscription.Dispose();
        _subscriptions.Clear();
        base.Dispose();
    }
}
