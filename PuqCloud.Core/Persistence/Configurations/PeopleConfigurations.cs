using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Domain.Settings;
using PuqCloud.Core.Domain.Staff;

namespace PuqCloud.Core.Persistence.Configurations;

internal sealed class AdminGroupConfiguration : IEntityTypeConfiguration<AdminGroup>
{
    public void Configure(EntityTypeBuilder<AdminGroup> b)
    {
        b.ToTable("AdminGroups");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.Description).HasMaxLength(1000);
        b.Property(x => x.Revision).IsConcurrencyToken().HasDefaultValue(0);
        b.HasMany(x => x.Permissions).WithOne().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Members).WithOne(x => x.Group).HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AdminGroupPermissionConfiguration : IEntityTypeConfiguration<AdminGroupPermission>
{
    public void Configure(EntityTypeBuilder<AdminGroupPermission> b)
    {
        b.ToTable("AdminGroupPermissions");
        b.HasKey(x => new { x.GroupId, x.Permission });
        b.Property(x => x.Permission).HasMaxLength(100);
    }
}

internal sealed class StaffGroupMembershipConfiguration : IEntityTypeConfiguration<StaffGroupMembership>
{
    public void Configure(EntityTypeBuilder<StaffGroupMembership> b)
    {
        b.ToTable("StaffGroupMemberships");
        b.HasKey(x => new { x.StaffAccountId, x.GroupId });
        b.HasOne<StaffAccount>().WithMany(x => x.Groups).HasForeignKey(x => x.StaffAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClientConfiguration : IEntityTypeConfiguration<Client>
{
    public void Configure(EntityTypeBuilder<Client> b)
    {
        b.ToTable("Clients");
        b.HasKey(x => x.Id);
        b.Property(x => x.FirstName).HasMaxLength(100).IsRequired();
        b.Property(x => x.LastName).HasMaxLength(100).IsRequired();
        b.Property(x => x.CompanyName).HasMaxLength(200);
        b.Property(x => x.TaxId).HasMaxLength(50);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Language).HasMaxLength(10).IsRequired();
        b.Property(x => x.AdminNotes).HasMaxLength(4000);
        b.Property(x => x.VatCheckedNumber).HasMaxLength(20);
        b.Property(x => x.VatCheckStatus).HasDefaultValue(VatCheckStatus.NotChecked);
        b.Property(x => x.VatCheckMessage).HasMaxLength(500);
        b.Property(x => x.VatValidNumber).HasMaxLength(20);
        b.Property(x => x.VatConsultationNumber).HasMaxLength(100);
        b.HasOne(x => x.Currency).WithMany().HasForeignKey(x => x.CurrencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Addresses).WithOne().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.Status);
        b.HasIndex(x => x.CreatedAt);
        // Columns added after clients existed: the database fills them with zero for the rows it had.
        b.Property(x => x.LedgerSequence).HasDefaultValue(0L);
        b.Property(x => x.CreditLimit).HasDefaultValue(0m);
        b.Ignore(x => x.DisplayName);
    }
}

internal sealed class VatCheckConfiguration : IEntityTypeConfiguration<VatCheck>
{
    public void Configure(EntityTypeBuilder<VatCheck> b)
    {
        b.ToTable("VatChecks");
        b.HasKey(x => x.Id);
        b.Property(x => x.VatNumber).HasMaxLength(20).IsRequired();
        b.Property(x => x.ConsultationNumber).HasMaxLength(100);
        b.Property(x => x.Name).HasMaxLength(500);
        b.Property(x => x.Address).HasMaxLength(1000);
        b.Property(x => x.Message).HasMaxLength(500);
        b.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ClientId, x.CheckedAt });
    }
}

internal sealed class ClientAddressConfiguration : IEntityTypeConfiguration<ClientAddress>
{
    public void Configure(EntityTypeBuilder<ClientAddress> b)
    {
        b.ToTable("ClientAddresses");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.ContactName).HasMaxLength(200);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Address1).HasMaxLength(200).IsRequired();
        b.Property(x => x.Address2).HasMaxLength(200);
        b.Property(x => x.City).HasMaxLength(100).IsRequired();
        b.Property(x => x.Postcode).HasMaxLength(20);
        b.Property(x => x.CountryCode).HasMaxLength(2).IsRequired();
        b.Property(x => x.Region).HasMaxLength(100);
        b.HasOne<Country>().WithMany().HasForeignKey(x => x.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ClientMembershipConfiguration : IEntityTypeConfiguration<ClientMembership>
{
    public void Configure(EntityTypeBuilder<ClientMembership> b)
    {
        b.ToTable("ClientMemberships");
        b.HasKey(x => new { x.ClientId, x.ClientUserId });
        b.Property(x => x.Permissions).HasMaxLength(1000).IsRequired();
        b.HasOne(x => x.Client).WithMany(x => x.Memberships).HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ClientUser).WithMany(x => x.Memberships).HasForeignKey(x => x.ClientUserId).OnDelete(DeleteBehavior.Cascade);
        // At most one owner per client, held by the database as well as the code.
        b.HasIndex(x => x.ClientId).IsUnique().HasFilter("\"IsOwner\" = TRUE").HasDatabaseName("IX_ClientMemberships_Owner");
        // ... and at least one: a membership is removed or changed only as it was read, so one that became the owner
        // meanwhile (a transfer at the same moment) is not deleted as a plain member.
        b.Property(x => x.IsOwner).IsConcurrencyToken();
        b.Ignore(x => x.PermissionSet);
    }
}

internal sealed class ClientInvitationConfiguration : IEntityTypeConfiguration<ClientInvitation>
{
    public void Configure(EntityTypeBuilder<ClientInvitation> b)
    {
        b.ToTable("ClientInvitations");
        // One open invitation per person and client, held by the database.
        b.HasKey(x => new { x.ClientId, x.ClientUserId });
        b.Property(x => x.Permissions).HasMaxLength(1000).IsRequired();
        b.Property(x => x.InvitedBy).HasMaxLength(200).IsRequired();
        b.HasOne(x => x.Client).WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.ClientUser).WithMany().HasForeignKey(x => x.ClientUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.ClientUserId);
        // Its sender's login: removed from the client (or deleted) by the code, which takes their invitations with them
        // (a second cascade to ClientUsers is one SQL Server refuses).
        b.HasOne<ClientUser>().WithMany().HasForeignKey(x => x.InvitedByUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.InvitedByUserId);
    }
}

internal sealed class ClientApiTokenConfiguration : IEntityTypeConfiguration<ClientApiToken>
{
    public void Configure(EntityTypeBuilder<ClientApiToken> b)
    {
        b.ToTable("ClientApiTokens");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(100).IsRequired();
        b.Property(x => x.Prefix).HasMaxLength(20).IsRequired();
        b.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasIndex(x => new { x.ClientUserId, x.ClientId });
        b.HasOne(x => x.ClientUser).WithMany().HasForeignKey(x => x.ClientUserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(x => x.Client).WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PasswordResetTokenConfiguration : IEntityTypeConfiguration<PasswordResetToken>
{
    public void Configure(EntityTypeBuilder<PasswordResetToken> b)
    {
        b.ToTable("PasswordResetTokens");
        b.HasKey(x => x.Id);
        b.Property(x => x.TokenHash).HasMaxLength(64).IsRequired();
        b.Property(x => x.PendingLink).HasMaxLength(2000);
        b.HasIndex(x => x.TokenHash).IsUnique();
        b.HasOne<ClientUser>().WithMany().HasForeignKey(x => x.ClientUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> b)
    {
        b.ToTable("Countries");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(2);
        b.Property(x => x.Code3).HasMaxLength(3).IsRequired();
        b.Property(x => x.Numeric).HasMaxLength(3).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.OfficialName).HasMaxLength(300);
        b.HasMany(x => x.Regions).WithOne().HasForeignKey(x => x.CountryCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.ToTable("Regions");
        b.HasKey(x => x.Code);
        b.Property(x => x.Code).HasMaxLength(10);
        b.Property(x => x.CountryCode).HasMaxLength(2).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.Type).HasMaxLength(100).IsRequired();
    }
}

internal sealed class CurrencyConfiguration : IEntityTypeConfiguration<Currency>
{
    public void Configure(EntityTypeBuilder<Currency> b)
    {
        b.ToTable("Currencies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(3).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
        b.Property(x => x.Prefix).HasMaxLength(10);
        b.Property(x => x.Suffix).HasMaxLength(10);
        b.Property(x => x.ExchangeRate).HasPrecision(18, 8);
        // The column's default serves the migration of existing rows; the sentinel makes EF always send the value.
        b.Property(x => x.Decimals).HasDefaultValue(2).HasSentinel(-1);
        // At most one default currency, held by the database as well as the code.
        b.HasIndex(x => x.IsDefault).IsUnique().HasFilter("\"IsDefault\" = TRUE").HasDatabaseName("IX_Currencies_Default");
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> b)
    {
        b.ToTable("Settings");
        b.HasKey(x => x.Key);
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(4000);
    }
}

internal sealed class RequestLogEntryConfiguration : IEntityTypeConfiguration<RequestLogEntry>
{
    public void Configure(EntityTypeBuilder<RequestLogEntry> b)
    {
        b.ToTable("RequestLog");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Ip).HasMaxLength(45);
        b.Property(x => x.Url).HasMaxLength(2000).IsRequired();
        b.Property(x => x.Channel).HasMaxLength(8).IsRequired();
        b.Property(x => x.Method).HasMaxLength(10).IsRequired();
        b.HasIndex(x => new { x.ActorKind, x.At });
    }
}
