using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Engine.Scheduling;

/// <summary>
/// Every schedule the code defines: the <see cref="ScheduleDefinition"/>s registered in DI plus those of
/// every <see cref="IScheduleSource"/> (the module system's). Keys are unique; the first definition of a key wins.
/// </summary>
public sealed class ScheduleRegistry(IServiceProvider services)
{
    public async Task<IReadOnlyList<ScheduleDefinition>> AllAsync(CancellationToken cancellationToken)
    {
        var definitions = services.GetServices<ScheduleDefinition>().ToList();
        foreach (var source in services.GetServices<IScheduleSource>()) definitions.AddRange(await source.SchedulesAsync(services, cancellationToken));
        return definitions.DistinctBy(d => d.Key, StringComparer.Ordinal).ToList();
    }

    public async Task<ScheduleDefinition?> FindAsync(string key, CancellationToken cancellationToken) =>
        (await AllAsync(cancellationToken)).FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.Ordinal));

    /// <summary>
    /// The records of the definitions, creating the missing ones with the defaults. Two nodes may create
    /// the same record at once: the loser of the race reads the winner's row.
    /// </summary>
    public static async Task<Dictionary<string, ScheduleRecord>> EnsureRecordsAsync(IDbContextFactory<AppDbContext> contexts, IReadOnlyList<ScheduleDefinition> definitions, DateTime now, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var keys = definitions.Select(d => d.Key).ToList();
            var records = await db.Schedules.AsNoTracking().Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, cancellationToken);
            var missing = definitions.Where(d => !records.ContainsKey(d.Key))
                .Select(d => new ScheduleRecord { Key = d.Key, Cron = d.DefaultCron, Enabled = d.EnabledByDefault, UpdatedAt = now }).ToList();
            if (missing.Count == 0) return records;
            db.Schedules.AddRange(missing);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                foreach (var record in missing) records[record.Key] = record;
                return records;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node inserted some of them first: read again.
            }
        }
    }
}
