using Microsoft.AspNetCore.Components;

namespace PuqCloud.Web.Components.Shared;

/// <summary>
/// The base of console and client-area pages and tabs: <see cref="Closing"/> ends when the component goes away
/// (the person navigated elsewhere or closed the tab), so that requests a page started stop with it.
/// </summary>
public abstract class PuqComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _closing = new();

    /// <summary>Pass this to every request the component sends.</summary>
    protected CancellationToken Closing => _closing.Token;

    /// <summary>True once the component went away; work queued before that (a live refresh) checks it.</summary>
    protected bool IsDisposed { get; private set; }

    /// <summary>
    /// Cancels <see cref="Closing"/>. The source is cancelled but not disposed: a refresh already queued on the circuit may
    /// still read the token (a cancelled token, never an ObjectDisposedException), and a source without timers holds nothing to free.
    /// </summary>
    public virtual void Dispose()
    {
        IsDisposed = true;
        if (!_closing.IsCancellationRequested) _closing.Cancel();
        GC.SuppressFinalize(this);
    }
}
