using Microsoft.AspNetCore.Components;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Web.Components.Shared;

namespace PuqCloud.Web.Components.Client;

/// <summary>
/// A client-area page that refreshes itself when its client's money or services change, as the console's pages do: it
/// follows the live topics it names, and only the events of the client it shows (the publishers' subject is the client id),
/// so one client's payment never reloads another client's pages.
/// </summary>
public abstract class ClientLiveComponentBase : LiveComponentBase
{
    /// <summary>Services and balances: a charge, a payment, a refund, an adjustment, a service's status.</summary>
    protected const string Balances = ServiceTopics.Services;

    /// <summary>Documents: a proforma issued, paid, invoiced or expired, a credit note.</summary>
    protected const string Documents = DocumentTopics.Documents;

    [CascadingParameter] protected ClientAreaContext Context { get; set; } = default!;

    /// <summary>The topics this page follows (<see cref="Balances"/>, <see cref="Documents"/>).</summary>
    protected abstract IEnumerable<string> ClientTopics { get; }

    /// <summary>Reads what the page shows again.</summary>
    protected abstract Task RefreshAsync();

    protected sealed override IEnumerable<(string Topic, Func<LiveEvent, Task> Refresh)> LiveTopics()
    {
        if (Context.Current is not { } client) yield break;
        var subject = client.ClientId.ToString();
        foreach (var topic in ClientTopics.Distinct())
            yield return (topic, e => e.Subject == subject ? RefreshAsync() : Task.CompletedTask);
    }
}
