using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Reference;

namespace PuqCloud.Core.Persistence.Configurations;

internal sealed class HomeCompanyConfiguration : IEntityTypeConfiguration<HomeCompany>
{
    public void Configure(EntityTypeBuilder<HomeCompany> b)
    {
        b.ToTable("HomeCompanies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.HasIndex(x => x.Name).IsUnique();
        b.Property(x => x.LegalName).HasMaxLength(200);
        b.Property(x => x.Address1).HasMaxLength(200);
        b.Property(x => x.Address2).HasMaxLength(200);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.Postcode).HasMaxLength(20);
        b.Property(x => x.CountryCode).HasMaxLength(2);
        b.Property(x => x.Region).HasMaxLength(100);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(40);
        b.Property(x => x.Website).HasMaxLength(200);
        b.Property(x => x.LogoPath).HasMaxLength(300);
        b.Property(x => x.SignaturePath).HasMaxLength(300);
        b.Property(x => x.EuVatId).HasMaxLength(30);
        b.Property(x => x.TaxNumber).HasMaxLength(50);
        b.Property(x => x.RegistrationNumber).HasMaxLength(50);
        b.Property(x => x.EuTaxNote).HasMaxLength(1000);
        b.Property(x => x.CountryTaxNote).HasMaxLength(1000);
        b.Property(x => x.SenderName).HasMaxLength(100);
        b.Property(x => x.SenderEmail).HasMaxLength(254);
        b.Property(x => x.ReplyToEmail).HasMaxLength(254);
        b.Property(x => x.BccEmails).HasMaxLength(1000);
        b.Property(x => x.AddFundsItemText).HasMaxLength(200);
        b.Property(x => x.RefundItemText).HasMaxLength(200);
        // At most one default home company, held by the database as well as the code.
        b.HasIndex(x => x.IsDefault).IsUnique().HasFilter("\"IsDefault\" = TRUE").HasDatabaseName("IX_HomeCompanies_Default");
        b.HasMany(x => x.NumberSeries).WithOne().HasForeignKey(x => x.HomeCompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.PaymentGateways).WithOne().HasForeignKey(x => x.HomeCompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentNumberSeriesConfiguration : IEntityTypeConfiguration<DocumentNumberSeries>
{
    public void Configure(EntityTypeBuilder<DocumentNumberSeries> b)
    {
        b.ToTable("DocumentNumberSeries");
        b.HasKey(x => x.Id);
        b.Property(x => x.Format).HasMaxLength(100).IsRequired();
        b.Property(x => x.Period).HasMaxLength(7);
        b.HasIndex(x => new { x.HomeCompanyId, x.DocumentType }).IsUnique();
        b.Ignore(x => x.State);
    }
}

internal sealed class PaymentGatewayConfiguration : IEntityTypeConfiguration<PaymentGateway>
{
    public void Configure(EntityTypeBuilder<PaymentGateway> b)
    {
        b.ToTable("PaymentGateways");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(100).IsRequired();
        b.Property(x => x.ModuleKey).HasMaxLength(100).IsRequired();
        b.HasIndex(x => new { x.HomeCompanyId, x.Key }).IsUnique();
        // Gateways made before these columns existed come out switched off and taking no currency: staff set them up before use.
        b.Property(x => x.Name).HasMaxLength(100).IsRequired().HasDefaultValue("");
        b.Property(x => x.CurrencyCodes).HasMaxLength(500).IsRequired().HasDefaultValue("");
        b.Property(x => x.IsEnabled).HasDefaultValue(false);
        b.Property(x => x.Position).HasDefaultValue(0);
        b.HasMany(x => x.Settings).WithOne().HasForeignKey(x => x.PaymentGatewayId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.Currencies);
    }
}

internal sealed class PaymentGatewaySettingConfiguration : IEntityTypeConfiguration<PaymentGatewaySetting>
{
    public void Configure(EntityTypeBuilder<PaymentGatewaySetting> b)
    {
        b.ToTable("PaymentGatewaySettings");
        b.HasKey(x => new { x.PaymentGatewayId, x.Key });
        b.Property(x => x.Key).HasMaxLength(100);
        b.Property(x => x.Value).HasMaxLength(4000);
    }
}

internal sealed class PaymentConfiguration : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.ToTable("Payments");
        b.HasKey(x => x.Id);
        b.Property(x => x.GatewayEventId).HasMaxLength(200).IsRequired();
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.Reference).HasMaxLength(200);
        // A gateway's event is applied once, however often it arrives and on however many nodes at once.
        b.HasIndex(x => new { x.PaymentGatewayId, x.GatewayEventId }).IsUnique();
        b.HasIndex(x => new { x.DocumentId, x.ReceivedAt });
        b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Clients.Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        // A gateway that took money stays: its payments name it.
        b.HasOne<PaymentGateway>().WithMany().HasForeignKey(x => x.PaymentGatewayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(x => x.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
        // One payment, one ledger row.
        b.HasIndex(x => x.LedgerEntryId).IsUnique();
    }
}

internal sealed class HeldPaymentConfiguration : IEntityTypeConfiguration<HeldPayment>
{
    public void Configure(EntityTypeBuilder<HeldPayment> b)
    {
        b.ToTable("HeldPayments");
        b.HasKey(x => x.Id);
        b.Property(x => x.GatewayEventId).HasMaxLength(200).IsRequired();
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.Reference).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(500).IsRequired();
        b.Property(x => x.ResolutionNote).HasMaxLength(500);
        b.Property(x => x.RefundedAmount).HasDefaultValue(0m);
        // A gateway's event is held once, however often it arrives and on however many nodes at once.
        b.HasIndex(x => new { x.PaymentGatewayId, x.GatewayEventId }).IsUnique();
        b.HasIndex(x => new { x.Status, x.CreatedAt });
        b.HasIndex(x => new { x.ClientId, x.CreatedAt });
        // One held payment becomes at most one payment.
        b.HasIndex(x => x.PaymentId).IsUnique();
        b.HasOne<PaymentGateway>().WithMany().HasForeignKey(x => x.PaymentGatewayId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Clients.Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class HeldPaymentRefundConfiguration : IEntityTypeConfiguration<HeldPaymentRefund>
{
    public void Configure(EntityTypeBuilder<HeldPaymentRefund> b)
    {
        b.ToTable("HeldPaymentRefunds");
        b.HasKey(x => x.Id);
        b.Property(x => x.GatewayEventId).HasMaxLength(200).IsRequired();
        b.Property(x => x.Reason).HasMaxLength(500);
        // A gateway's refund event gives back its part once, however often it arrives and on however many nodes at once.
        b.HasIndex(x => new { x.PaymentGatewayId, x.GatewayEventId }).IsUnique();
        b.HasIndex(x => new { x.HeldPaymentId, x.CreatedAt });
        b.HasOne<HeldPayment>().WithMany().HasForeignKey(x => x.HeldPaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PaymentGateway>().WithMany().HasForeignKey(x => x.PaymentGatewayId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RefundConfiguration : IEntityTypeConfiguration<Refund>
{
    public void Configure(EntityTypeBuilder<Refund> b)
    {
        b.ToTable("Refunds");
        b.HasKey(x => x.Id);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.GatewayRefundId).HasMaxLength(200);
        b.Property(x => x.GatewayEventId).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(500).IsRequired();
        // A refund the gateway reports is booked once, however often its event arrives and on however many nodes at once.
        b.HasIndex(x => new { x.PaymentGatewayId, x.GatewayEventId }).IsUnique();
        b.HasOne<PaymentGateway>().WithMany().HasForeignKey(x => x.PaymentGatewayId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PaymentId, x.CreatedAt });
        // One refund, one ledger row, and at most one credit note (none before the proforma was invoiced).
        b.HasIndex(x => x.CreditNoteId).IsUnique();
        b.HasIndex(x => x.LedgerEntryId).IsUnique();
        // What the gateway gave back is booked once, whether staff's refund or the gateway's report of it books it.
        b.HasIndex([nameof(Refund.PaymentId), nameof(Refund.GatewayRefundId)], "IX_Refunds_GatewayRefund").IsUnique()
            .HasFilter("\"GatewayRefundId\" IS NOT NULL");
        b.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Document>().WithMany().HasForeignKey(x => x.CreditNoteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Clients.Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(x => x.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TaxRuleConfiguration : IEntityTypeConfiguration<TaxRule>
{
    public void Configure(EntityTypeBuilder<TaxRule> b)
    {
        b.ToTable("TaxRules");
        b.HasKey(x => x.Id);
        // The order is the rule: two rules never share a place.
        b.HasIndex(x => x.Position).IsUnique();
        b.Property(x => x.CountryCode).HasMaxLength(2).IsRequired();
        b.Property(x => x.Region).HasMaxLength(100);
        b.Property(x => x.Tax1Name).HasMaxLength(50);
        b.Property(x => x.Tax2Name).HasMaxLength(50);
        b.Property(x => x.Tax3Name).HasMaxLength(50);
        // Rates are percentages with 3 decimals (23.000, 9.975).
        b.Property(x => x.Tax1Rate).HasPrecision(7, 3);
        b.Property(x => x.Tax2Rate).HasPrecision(7, 3);
        b.Property(x => x.Tax3Rate).HasPrecision(7, 3);
        b.HasOne<Country>().WithMany().HasForeignKey(x => x.CountryCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HomeCompany>().WithMany().HasForeignKey(x => x.HomeCompanyId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.Taxes);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.ToTable("LedgerEntries");
        b.HasKey(x => x.Id);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.Description).HasMaxLength(500).IsRequired();
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasOne<Domain.Clients.Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Domain.Services.Service>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
        // The chain of a client's rows: two writers that read the same balance cannot both append.
        b.HasIndex(x => new { x.ClientId, x.Sequence }).IsUnique();
        // A service-period is charged once, whoever runs billing and however often: its recurring charge, its setup,
        // one-time and uninstall fees. Switch fees and prorations belong to a staff action, not to a period (two
        // switches may fall on one instant of the test clock), so they stay out of the key.
        b.HasIndex(x => new { x.ServiceId, x.ChargeKind, x.PeriodStart }).IsUnique()
            .HasFilter("\"ServiceId\" IS NOT NULL AND \"ChargeKind\" IN ('Period', 'Setup', 'OneTime', 'Uninstall')")
            .HasDatabaseName("IX_LedgerEntries_ServicePeriod");
        // Finance → Transactions, newest first.
        b.HasIndex(x => new { x.CreatedAt, x.Id });
    }
}

internal sealed class BillingRunConfiguration : IEntityTypeConfiguration<BillingRun>
{
    public void Configure(EntityTypeBuilder<BillingRun> b)
    {
        b.ToTable("BillingRuns");
        b.HasKey(x => x.Id);
        b.Property(x => x.Node).HasMaxLength(200).IsRequired();
        b.Property(x => x.AmountsJson).HasMaxLength(2000).IsRequired();
        b.Property(x => x.Error).HasMaxLength(2000);
        b.HasIndex(x => x.StartedAt);
    }
}

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> b)
    {
        b.ToTable("Documents");
        b.HasKey(x => x.Id);
        b.Property(x => x.Number).HasMaxLength(100);
        b.Property(x => x.CurrencyCode).HasMaxLength(3).IsRequired();
        b.Property(x => x.ClientSnapshot).HasMaxLength(4000).IsRequired();
        b.Property(x => x.CompanySnapshot).HasMaxLength(4000).IsRequired();
        b.Property(x => x.LegalNote).HasMaxLength(1000);
        b.Property(x => x.Revision).IsConcurrencyToken();
        // A number names one document of a company and kind, whoever numbers it and however many at once (drafts have none).
        b.HasIndex(x => new { x.HomeCompanyId, x.Kind, x.Number }).IsUnique().HasFilter("\"Number\" IS NOT NULL")
            .HasDatabaseName("IX_Documents_Number");
        // A client's Invoices tab and Finance → Invoices, newest first.
        b.HasIndex(x => new { x.ClientId, x.CreatedAt });
        b.HasIndex(x => new { x.CreatedAt, x.Id });
        b.HasOne<Domain.Clients.Client>().WithMany().HasForeignKey(x => x.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<HomeCompany>().WithMany().HasForeignKey(x => x.HomeCompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Document>().WithMany().HasForeignKey(x => x.RelatedDocumentId).OnDelete(DeleteBehavior.Restrict);
        // A proforma paid in full has one final invoice, however many payments complete it at once. (The filtered index serves
        // no lookup of a document's credit notes: the plain one stays for those.)
        b.HasIndex(x => x.RelatedDocumentId);
        b.HasIndex([nameof(Document.RelatedDocumentId)], "IX_Documents_OneInvoicePerProforma").IsUnique()
            .HasFilter("\"Kind\" = 'Invoice' AND \"RelatedDocumentId\" IS NOT NULL");
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Taxes).WithOne().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
        b.Ignore(x => x.IsNumbered);
    }
}

internal sealed class DocumentLineConfiguration : IEntityTypeConfiguration<DocumentLine>
{
    public void Configure(EntityTypeBuilder<DocumentLine> b)
    {
        b.ToTable("DocumentLines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Description).HasMaxLength(500).IsRequired();
        b.HasIndex(x => new { x.DocumentId, x.Position }).IsUnique();
    }
}

internal sealed class DocumentTaxAmountConfiguration : IEntityTypeConfiguration<DocumentTaxAmount>
{
    public void Configure(EntityTypeBuilder<DocumentTaxAmount> b)
    {
        b.ToTable("DocumentTaxes");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(50).IsRequired();
        // Rates are percentages with 3 decimals, as tax rules keep them.
        b.Property(x => x.Rate).HasPrecision(7, 3);
        b.HasIndex(x => new { x.DocumentId, x.Position }).IsUnique();
    }
}
