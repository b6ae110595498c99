using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Tests.Support;

/// <summary>
/// Holds infrastructure (billing, automation: the contexts of <see cref="DatabaseOptions.CreatePlainContext"/>) right after
/// it has read a client's balance, until a step the test runs meanwhile has finished or <see cref="Held"/> has passed: a
/// payment that lands between a billing batch's read and its writes.
/// </summary>
public sealed class BalanceReadGate : DbCommandInterceptor
{
    public static BalanceReadGate Instance { get; } = new();

    /// <summary>How long a read is held at most when the step does not finish (it may be waiting for the held transaction).</summary>
    public static readonly TimeSpan Held = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, GateHold> _holds = new();

    /// <summary>Arms the gate for the next read of <paramref name="clientId"/>'s balance by infrastructure.</summary>
    public static GateHold Arm(Guid clientId) => Instance._holds[clientId] = new GateHold();

    /// <summary>Test services: the gate on every plain context of the app.</summary>
    public static void Register(IServiceCollection services)
    {
        var database = (DatabaseOptions)services.Last(d => d.ServiceType == typeof(DatabaseOptions)).ImplementationInstance!;
        services.Replace(ServiceDescriptor.Singleton(database with { PlainInterceptors = [Instance] }));
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        if (!_holds.IsEmpty && command.CommandText.Contains("\"LedgerSequence\"", StringComparison.Ordinal) && !command.CommandText.Contains("UPDATE", StringComparison.Ordinal))
        {
            foreach (var client in ClientsOf(command))
                if (_holds.TryRemove(client, out var hold)) await hold.PauseAsync(Held, cancellationToken);
        }
        return await base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
    }

    /// <summary>The ids a command was given, one by one or as an array (how EF passes a list depends on the provider).</summary>
    private static IEnumerable<Guid> ClientsOf(DbCommand command) =>
        command.Parameters.Cast<DbParameter>().SelectMany(p => p.Value switch
        {
            Guid id => [id],
            Guid[] ids => ids,
            _ => Array.Empty<Guid>(),
        });
}
