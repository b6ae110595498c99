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

    private readonly ConcurrentDictionary<Guid, Hold> _holds = new();

    /// <summary>Arms the gate for the next currency change of <paramref name="clientId"/>.</summary>
    public static Hold Arm(Guid clientId) => Instance._holds[clientId] = new Hold();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var changed = eventData.Context?.ChangeTracker.Entries<Client>()
            .Where(e => e.State == EntityState.Modified && e.Property(c => c.CurrencyId).IsModified).Select(e => e.Entity.Id) ?? [];
        foreach (var client in changed)
        {
            if (!_holds.TryRemove(client, out var hold)) continue;
            hold.Reached.TrySetResult();
            await Task.WhenAny(hold.Step.Task, Task.Delay(Held, cancellationToken));
        }
        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public sealed class Hold
    {
        /// <summary>Done when the change has been checked and its save is held.</summary>
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal TaskCompletionSource Step { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Runs <paramref name="step"/> while the save is held, and lets the save go on once it has finished.</summary>
        public async Task<T> WhileHeldAsync<T>(Func<Task<T>> step)
        {
            await Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            try
            {
                return await step();
            }
            finally
            {
                Step.TrySetResult();
            }
        }
    }
}
