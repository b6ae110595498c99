using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Domain.Staff;

namespace PuqCloud.Core.Persistence.Configurations;

internal static class QueuedTaskIndexes
{
    public const string PendingDedupeFilter = "\"DedupeKey\" IS NOT NULL AND \"Status\" IN ('Queued', 'Processing')";
}

internal sealed class QueuedTaskConfiguration : IEntityTypeConfiguration<QueuedTask>
{
    public void Configure(EntityTypeBuilder<QueuedTask> b)
    {
        b.ToTable("QueuedTasks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Queue).HasMaxLength(100).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Error).HasMaxLength(4000);
        b.Property(x => x.DedupeKey).HasMaxLength(200);
        b.Property(x => x.Lane).HasMaxLength(200);
        b.Property(x => x.Tags).HasMaxLength(1000);
        b.Property(x => x.LockedBy).HasMaxLength(200);
        b.HasIndex(x => new { x.Status, x.AvailableAt });
        b.HasIndex(x => x.DedupeKey);
        // At most one pending task per dedupe key, held by the database: two enqueues at the same instant cannot both queue.
        b.HasIndex([nameof(QueuedTask.DedupeKey)], "IX_QueuedTasks_PendingDedupeKey").IsUnique().HasFilter(QueuedTaskIndexes.PendingDedupeFilter);
        b.HasIndex(x => x.CreatedAt);
        // A task waits for the older ones of its lane: found by lane, status and age.
        b.HasIndex(x => new { x.Lane, x.Status, x.CreatedAt });
    }
}

internal sealed class ModuleRecordConfiguration : IEntityTypeConfiguration<ModuleRecord>
{
    public void Configure(EntityTypeBuilder<ModuleRecord> b)
    {
        b.ToTable("Modules");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Kind).HasMaxLength(32).IsRequired();
        b.Property(x => x.InstalledVersion).HasMaxLength(50);
    }
}

internal sealed class ModuleSettingValueConfiguration : IEntityTypeConfiguration<ModuleSettingValue>
{
    public void Configure(EntityTypeBuilder<ModuleSettingValue> b)
    {
        b.ToTable("ModuleSettings");
        b.HasKey(x => new { x.ModuleKey, x.Key });
        b.Property(x => x.ModuleKey).HasMaxLength(100);
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(4000);
    }
}

internal sealed class ModuleLogEntryConfiguration : IEntityTypeConfiguration<ModuleLogEntry>
{
    public void Configure(EntityTypeBuilder<ModuleLogEntry> b)
    {
        b.ToTable("ModuleLog");
        b.HasKey(x => x.Id);
        b.Property(x => x.ModuleKey).HasMaxLength(100).IsRequired();
        b.Property(x => x.Action).HasMaxLength(200).IsRequired();
        b.Property(x => x.Level).HasMaxLength(16).IsRequired();
        b.Property(x => x.Message).HasMaxLength(2000).IsRequired();
        b.HasIndex(x => x.At);
    }
}

internal sealed class ScheduleRecordConfiguration : IEntityTypeConfiguration<ScheduleRecord>
{
    public void Configure(EntityTypeBuilder<ScheduleRecord> b)
    {
        b.ToTable("Schedules");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(200);
        b.Property(x => x.Cron).HasMaxLength(120).IsRequired();
        b.Property(x => x.LastOutcome).HasMaxLength(32);
        b.Property(x => x.LastError).HasMaxLength(4000);
    }
}

internal sealed class ScheduleRunConfiguration : IEntityTypeConfiguration<ScheduleRun>
{
    public void Configure(EntityTypeBuilder<ScheduleRun> b)
    {
        b.ToTable("ScheduleRuns");
        b.HasKey(x => x.Id);
        b.Property(x => x.ScheduleKey).HasMaxLength(200).IsRequired();
        b.Property(x => x.Outcome).HasMaxLength(32).IsRequired();
        b.Property(x => x.Error).HasMaxLength(4000);
        b.Property(x => x.Node).HasMaxLength(200);
        b.HasIndex(x => new { x.ScheduleKey, x.StartedAt });
    }
}

internal sealed class DashboardLayoutConfiguration : IEntityTypeConfiguration<DashboardLayout>
{
    public void Configure(EntityTypeBuilder<DashboardLayout> b)
    {
        b.ToTable("DashboardLayouts");
        b.HasKey(x => x.StaffAccountId);
        b.Property(x => x.LayoutJson).HasMaxLength(4000).IsRequired();
        b.HasOne<StaffAccount>().WithOne().HasForeignKey<DashboardLayout>(x => x.StaffAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
