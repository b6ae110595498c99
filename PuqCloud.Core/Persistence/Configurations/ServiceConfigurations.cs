using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Services;

namespace PuqCloud.Core.Persistence.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> b)
    {
        b.ToTable("Services");
        b.HasKey(x => x.Id);
        b.Property(x => x.Label).HasMaxLength(100);
        b.Property(x => x.ProvisionData).HasMaxLength(8000);
        b.Property(x => x.ProvisionError).HasMaxLength(2000);
        b.Property(x => x.SuspensionReason).HasMaxLength(200);
        // Services ordered before the column existed hold no unit: cancelling them gives nothing back.
        b.Property(x => x.HoldsStockUnit).HasDefaultValue(false);
        b.Property(x => x.TerminationRequestedByStaff).HasDefaultValue(false);
        b.HasOne<Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProductPrice>().WithMany().HasForeignKey(x => x.ProductPriceId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Options).WithOne().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        // Billing and staff may touch a service at once: a save that finds the paid time or the status moved since it
        // read them fails (DbUpdateConcurrencyException) instead of overwriting them.
        b.Property(x => x.PaidUntil).IsConcurrencyToken();
        b.Property(x => x.Status).IsConcurrencyToken();
        // Package and option changes move it (Service.Revision); services that existed before the column start at 0.
        b.Property(x => x.Revision).IsConcurrencyToken().HasDefaultValue(0);
        b.HasIndex(x => new { x.ClientId, x.Status });
        b.Property(x => x.OrderKey).HasMaxLength(100);
        // One order per key and client: two retries of one order at once make one service (the second is refused).
        b.HasIndex(x => new { x.ClientId, x.OrderKey }).IsUnique().HasFilter("\"OrderKey\" IS NOT NULL");
        // Billing's scan: what is due, in the order it is charged, read from the index without sorting. There is no index
        // led by Status on purpose: SQLite's planner, without statistics, takes "Status = 'Active'" for selective and
        // preferred it to the primary key and to this index, walking every active service per batch (the benchmark's
        // 100,000 services went three times slower); the status counts scan the table instead.
        b.HasIndex(x => new { x.NextChargeAt, x.Id });
    }
}

internal sealed class ServiceOptionChoiceConfiguration : IEntityTypeConfiguration<ServiceOptionChoice>
{
    public void Configure(EntityTypeBuilder<ServiceOptionChoice> b)
    {
        b.ToTable("ServiceOptions");
        b.HasKey(x => new { x.ServiceId, x.ProductOptionId });
        b.HasOne<ProductOption>().WithMany().HasForeignKey(x => x.ProductOptionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceEventConfiguration : IEntityTypeConfiguration<ServiceEvent>
{
    public void Configure(EntityTypeBuilder<ServiceEvent> b)
    {
        b.ToTable("ServiceEvents");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(40).IsRequired();
        b.Property(x => x.Text).HasMaxLength(1000).IsRequired();
        b.Property(x => x.Actor).HasMaxLength(200).IsRequired();
        b.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.ServiceId, x.At });
    }
}
