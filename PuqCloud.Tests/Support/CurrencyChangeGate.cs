using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PuqCloud.Core.Domain.Clients;

namespace PuqCloud.Tests.Support;

/// <summary>
/// Holds the save of a client's currency change, after the change was checked and before it is written, until a step the
/// test runs meanwhile has finished or <see cref="Held"/> has passed: what another writer does at that moment.
/// </summary>
public sealed class CurrencyChangeGate : SaveChangesInterceptor
{
    public static CurrencyChangeGate Instance { get; } = new();

    /// <summary>How long a save is held at most when the step does not finish (it may be waiting for the change itself).</summary>
    public static readonly TimeSpan Held = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, GateHold> _holds = new();

    /// <summary>Arms the gate for the next currency change of <paramref name="clientId"/>.</summary>
    public static GateHold Arm(Guid clientId) => Instance._holds[clientId] = new GateHold();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var changed = eventData.Context?.ChangeTracker.Entries<Client>()
            .Where(e => e.State == EntityState.Modified && e.Property(c => c.CurrencyId).IsModified).Select(e => e.Entity.Id) ?? [];
        foreach (var client in changed)
        {
            if (_holds.TryRemove(client, out var hold)) await hold.PauseAsync(Held, cancellationToken);
        }
        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
