using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Persistence;

/// <summary>One changed entity as the activity log shows it.</summary>
public sealed record EntityChange(string Entity, string? Id, string State, Dictionary<string, object?>? Before, Dictionary<string, object?> After);

/// <summary>
/// The activity-log row of one running command and what its saves changed so far. The first save that changes
/// something inserts the row in that save's own transaction; later saves of the command update it in theirs, so a
/// change is never committed without its audit row (nor the row without the change).
/// </summary>
public sealed class AuditCapture(ActivityLogEntry entry)
{
    public ActivityLogEntry Entry { get; } = entry;
    public List<EntityChange> Changes { get; } = [];
    /// <summary>True once a save that carried the row has committed.</summary>
    public bool Stored { get; internal set; }
}

/// <summary>
/// The capture of the command running in this asynchronous flow. A circuit runs several commands at once in one
/// scope: the capture follows each command's own flow (AsyncLocal), so overlapping commands never see each other's
/// changes; a command sent from inside another gets a capture of its own until it returns.
/// </summary>
public sealed class AuditTrail
{
    private readonly AsyncLocal<AuditCapture?> _current = new();

    public AuditCapture? Current => _current.Value;

    public IDisposable Begin(ActivityLogEntry entry, out AuditCapture capture)
    {
        var previous = _current.Value;
        _current.Value = capture = new AuditCapture(entry);
        return new Restore(this, previous);
    }

    private sealed class Restore(AuditTrail trail, AuditCapture? previous) : IDisposable
    {
        public void Dispose() => trail._current.Value = previous;
    }
}

/// <summary>
/// Fills created/updated instants from <see cref="TimeProvider"/> and records before/after of changed
/// fields into the scope's <see cref="AuditTrail"/>. Values of [Sensitive] properties are masked.
/// </summary>
public sealed class AuditSaveChangesInterceptor(TimeProvider clock, AuditTrail trail) : SaveChangesInterceptor
{
    public const string Masked = "***";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    // What a save in progress added to the capture, to take back if the save fails.
    private readonly ConditionalWeakTable<DbContext, PendingSave> _pending = new();

    private sealed record PendingSave(AuditCapture Capture, int ChangesBefore, bool Inserting);

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

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Committed(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Apply(DbContext? context)
    {
        if (context is null) return;
        var now = clock.GetUtcNow().UtcDateTime;
        var changes = new List<EntityChange>();
        foreach (var entry in context.ChangeTracker.Entries().ToList())
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
                changes.Add(Describe(entry));
        }
        if (trail.Current is not { } capture || changes.Count == 0) return;

        _pending.AddOrUpdate(context, new PendingSave(capture, capture.Changes.Count, Inserting: !capture.Stored));
        capture.Changes.AddRange(changes);
        var text = JsonSerializer.Serialize(capture.Changes, Json);
        if (!capture.Stored)
        {
            capture.Entry.Changes = text;
            if (context.Entry(capture.Entry).State == EntityState.Detached) context.Add(capture.Entry);
            return;
        }
        // Later saves update the stored row, possibly from another context than the one that inserted it.
        var row = context.ChangeTracker.Entries<ActivityLogEntry>().FirstOrDefault(e => e.Entity.Id == capture.Entry.Id)
                  ?? context.Attach(new ActivityLogEntry { Id = capture.Entry.Id });
        row.Entity.Changes = text;
        row.Property(e => e.Changes).IsModified = true;
        capture.Entry.Changes = text;
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        _pending.Remove(context);
        pending.Capture.Stored = true;
    }

    private void Failed(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending)) return;
        _pending.Remove(context);
        var capture = pending.Capture;
        capture.Changes.RemoveRange(pending.ChangesBefore, capture.Changes.Count - pending.ChangesBefore);
        capture.Entry.Changes = capture.Changes.Count == 0 ? null : JsonSerializer.Serialize(capture.Changes, Json);
        // Nothing of the failed save was committed: the row is inserted again by the next save that succeeds.
        if (pending.Inserting) context.Entry(capture.Entry).State = EntityState.Detached;
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
