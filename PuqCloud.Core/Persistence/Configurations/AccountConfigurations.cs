using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Staff;

namespace PuqCloud.Core.Persistence.Configurations;

internal static class AccountColumns
{
    /// <summary>The columns staff accounts and client users share; each table keeps its own copy.</summary>
    public static void Configure<T>(EntityTypeBuilder<T> b) where T : Account
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Email).HasMaxLength(254).IsRequired();
        b.HasIndex(x => x.Email).IsUnique();
        b.Property(x => x.FirstName).HasMaxLength(100).IsRequired();
        b.Property(x => x.LastName).HasMaxLength(100).IsRequired();
        b.Property(x => x.Language).HasMaxLength(10).IsRequired();
        b.Property(x => x.TimeZone).HasMaxLength(TimeZones.MaxLength).IsRequired().HasDefaultValue(TimeZones.Utc);
        b.Property(x => x.PasswordHash).HasMaxLength(500).IsRequired();
        b.Property(x => x.SecurityStamp).HasMaxLength(64).IsRequired();
        b.Property(x => x.TotpSecret).HasMaxLength(1000);
        b.Property(x => x.PendingTotpSecret).HasMaxLength(1000);
        b.Property(x => x.FailedCodeCount).HasDefaultValue(0);
        b.Ignore(x => x.FullName);
    }
}

internal sealed class StaffAccountConfiguration : IEntityTypeConfiguration<StaffAccount>
{
    public void Configure(EntityTypeBuilder<StaffAccount> b)
    {
        b.ToTable("StaffAccounts");
        AccountColumns.Configure(b);
        b.Property(x => x.AllowedIps).HasMaxLength(2000);
        // Not a concurrency token: sign-ins write this row too and must not fail on an edit. UpdateAdmin checks it in its
        // serializable transaction instead.
        b.Property(x => x.Revision).HasDefaultValue(0);
    }
}

internal sealed class ClientUserConfiguration : IEntityTypeConfiguration<ClientUser>
{
    public void Configure(EntityTypeBuilder<ClientUser> b)
    {
        b.ToTable("ClientUsers");
        AccountColumns.Configure(b);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.AdminNotes).HasMaxLength(4000);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("ApiTokens");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Prefix).HasMaxLength(20).IsRequired();
        b.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne(x => x.StaffAccount).WithMany().HasForeignKey(x => x.StaffAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
