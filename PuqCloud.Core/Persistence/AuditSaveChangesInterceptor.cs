using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Persistence;

/// <summary>One changed entity as the activity log shows it.</summary>
public sealed record EntityChange(string Entity, string? Id, string State, Dictionary<string, object?>? Before, Dictionary<string, object?> After);

/// <summary>
/// Collects what the saves of one request changed, for the activity audit. Scoped: the audit behaviour
/// begins a capture around a command, and the save interceptor of the same scope appends to it.
/// </summary>
public sealed class AuditTrail
{
    private List<EntityChange>? _current;

    public IDisposable Begin(out Func<IReadOnlyList<EntityChange>> changes)
    {
        var list = new List<EntityChange>();
        var previous = _current;
        _current = list;
        changes = () => list;
        return new Restore(this, previous);
    }

    internal void Add(EntityChange change) => _current?.Add(change);

    private sealed class Restore(AuditTrail trail, List<EntityChange>? previous) : IDisposable
    {
        public void Dispose() => trail._current = previous;
    }
}

/// <summary>
/// Fills created/updated instants from <see cref="TimeProvider"/> and records before/after of changed
/// fields into the scope's <see cref="AuditTrail"/>. Values of [Sensitive] properties are masked.
/// </summary>
public sealed class AuditSaveChangesInterceptor(TimeProvider clock, AuditTrail trail) : SaveChangesInterceptor
{
    public const string Masked = "***";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Apply(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Apply(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Apply(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.Entity is IHasAuditTimes timed)
            {
                if (entry.State == EntityState.Added)
                {
                    timed.CreatedAt = now;
                    timed.UpdatedAt = now;
                }
                else if (entry.State == EntityState.Modified)
                {
                    timed.UpdatedAt = now;
                }
            }
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && entry.Entity is not ActivityLogEntry)
                trail.Add(Describe(entry));
        }
    }

    private static EntityChange Describe(EntityEntry entry)
    {
        var before = entry.State == EntityState.Added ? null : new Dictionary<string, object?>();
        var after = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            bool changed = entry.State != EntityState.Modified || property.IsModified && !Equals(property.OriginalValue, property.CurrentValue);
            if (!changed) continue;
            if (property.Metadata.Name is nameof(IHasAuditTimes.UpdatedAt) or nameof(IHasAuditTimes.CreatedAt)) continue;
            bool sensitive = property.Metadata.PropertyInfo?.GetCustomAttribute<SensitiveAttribute>() is not null;
            if (before is not null && entry.State != EntityState.Added)
                before[property.Metadata.Name] = sensitive ? Masked : property.OriginalValue;
            if (entry.State != EntityState.Deleted)
                after[property.Metadata.Name] = sensitive ? Masked : property.CurrentValue;
        }
        var id = entry.Metadata.FindPrimaryKey()?.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()).FirstOrDefault();
        return new EntityChange(entry.Metadata.ClrType.Name, id, entry.State.ToString(), before, after);
    }
}
