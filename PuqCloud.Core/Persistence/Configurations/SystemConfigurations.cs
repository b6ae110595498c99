using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Platform;

namespace PuqCloud.Core.Persistence.Configurations;

internal sealed class ActivityLogEntryConfiguration : IEntityTypeConfiguration<ActivityLogEntry>
{
    public void Configure(EntityTypeBuilder<ActivityLogEntry> b)
    {
        b.ToTable("ActivityLog");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActorName).HasMaxLength(200);
        b.Property(x => x.Ip).HasMaxLength(45);
        b.Property(x => x.Channel).HasMaxLength(8).IsRequired();
        b.Property(x => x.Action).HasMaxLength(200).IsRequired();
        b.Property(x => x.Error).HasMaxLength(2000);
        b.HasIndex(x => x.At);
    }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> b)
    {
        b.ToTable("SignInAttempts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Email).HasMaxLength(254).IsRequired();
        b.Property(x => x.Ip).HasMaxLength(45);
        b.HasIndex(x => new { x.Ip, x.At });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyRecord>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyRecord> b)
    {
        b.ToTable("DataProtectionKeys");
        b.HasKey(x => x.Id);
        b.Property(x => x.FriendlyName).HasMaxLength(200);
        b.Property(x => x.Xml).IsRequired();
    }
}

internal sealed class InstallationMarkerConfiguration : IEntityTypeConfiguration<InstallationMarker>
{
    public void Configure(EntityTypeBuilder<InstallationMarker> b)
    {
        b.ToTable("InstallationMarkers");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(100);
    }
}

internal sealed class NodeHeartbeatConfiguration : IEntityTypeConfiguration<NodeHeartbeat>
{
    public void Configure(EntityTypeBuilder<NodeHeartbeat> b)
    {
        b.ToTable("NodeHeartbeats");
        b.HasKey(x => x.NodeName);
        b.Property(x => x.NodeName).HasMaxLength(200);
        b.Property(x => x.Version).HasMaxLength(50).IsRequired();
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> b)
    {
        b.ToTable("SignInSessions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Scheme).HasMaxLength(32).IsRequired();
        b.Property(x => x.Ticket).IsRequired();
        b.HasIndex(x => x.ExpiresAt);
        b.HasIndex(x => x.AccountId);
    }
}
