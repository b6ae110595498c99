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

    public virtual void Dispose()
    {
        if (!_closing.IsCancellationRequested) _closing.Cancel();
        _closing.Dispose();
        GC.SuppressFinalize(this);
    }
}
