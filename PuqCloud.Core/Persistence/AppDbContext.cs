using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Domain.Settings;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Domain.Platform;

namespace PuqCloud.Core.Persistence;

public class AppDbContext(DbContextOptions<AppDbContext> options) : DbContext(options)
{
    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<ClientUser> ClientUsers => Set<ClientUser>();
    public DbSet<ActivityLogEntry> ActivityLog => Set<ActivityLogEntry>();
    public DbSet<SignInAttempt> SignInAttempts => Set<SignInAttempt>();
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();
    public DbSet<InstallationMarker> InstallationMarkers => Set<InstallationMarker>();
    public DbSet<NodeHeartbeat> NodeHeartbeats => Set<NodeHeartbeat>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<AdminGroup> AdminGroups => Set<AdminGroup>();
    public DbSet<AdminGroupPermission> AdminGroupPermissions => Set<AdminGroupPermission>();
    public DbSet<StaffGroupMembership> StaffGroupMemberships => Set<StaffGroupMembership>();
    public DbSet<ClientInvitation> ClientInvitations => Set<ClientInvitation>();
    public DbSet<Client> Clients => Set<Client>();
    public DbSet<VatCheck> VatChecks => Set<VatCheck>();
    public DbSet<ClientAddress> ClientAddresses => Set<ClientAddress>();
    public DbSet<ClientMembership> ClientMemberships => Set<ClientMembership>();
    public DbSet<ClientApiToken> ClientApiTokens => Set<ClientApiToken>();
    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Currency> Currencies => Set<Currency>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<RequestLogEntry> RequestLog => Set<RequestLogEntry>();
    public DbSet<QueuedTask> QueuedTasks => Set<QueuedTask>();
    public DbSet<ModuleRecord> Modules => Set<ModuleRecord>();
    public DbSet<ModuleSettingValue> ModuleSettings => Set<ModuleSettingValue>();
    public DbSet<ModuleLogEntry> ModuleLog => Set<ModuleLogEntry>();
    public DbSet<ScheduleRecord> Schedules => Set<ScheduleRecord>();
    public DbSet<ScheduleRun> ScheduleRuns => Set<ScheduleRun>();
    public DbSet<DashboardLayout> DashboardLayouts => Set<DashboardLayout>();
    public DbSet<HomeCompany> HomeCompanies => Set<HomeCompany>();
    public DbSet<DocumentNumberSeries> DocumentNumberSeries => Set<DocumentNumberSeries>();
    public DbSet<PaymentGateway> PaymentGateways => Set<PaymentGateway>();
    public DbSet<PaymentGatewaySetting> PaymentGatewaySettings => Set<PaymentGatewaySetting>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<HeldPayment> HeldPayments => Set<HeldPayment>();
    public DbSet<HeldPaymentRefund> HeldPaymentRefunds => Set<HeldPaymentRefund>();
    public DbSet<TaxRule> TaxRules => Set<TaxRule>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductPrice> ProductPrices => Set<ProductPrice>();
    public DbSet<ProductModuleSetting> ProductModuleSettings => Set<ProductModuleSetting>();
    public DbSet<ProductGroup> ProductGroups => Set<ProductGroup>();
    public DbSet<ProductGroupItem> ProductGroupItems => Set<ProductGroupItem>();
    public DbSet<AttributeGroup> AttributeGroups => Set<AttributeGroup>();
    public DbSet<ProductAttribute> ProductAttributes => Set<ProductAttribute>();
    public DbSet<ProductAttributeLink> ProductAttributeLinks => Set<ProductAttributeLink>();
    public DbSet<OptionGroup> OptionGroups => Set<OptionGroup>();
    public DbSet<ProductOption> ProductOptions => Set<ProductOption>();
    public DbSet<ProductOptionPrice> ProductOptionPrices => Set<ProductOptionPrice>();
    public DbSet<ProductOptionGroupLink> ProductOptionGroupLinks => Set<ProductOptionGroupLink>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<BillingRun> BillingRuns => Set<BillingRun>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentLine> DocumentLines => Set<DocumentLine>();
    public DbSet<DocumentTaxAmount> DocumentTaxes => Set<DocumentTaxAmount>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<ServiceOptionChoice> ServiceOptions => Set<ServiceOptionChoice>();
    public DbSet<ServiceEvent> ServiceEvents => Set<ServiceEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        // Index filters are raw SQL: each provider gets them in its own dialect (IndexFilters).
        IndexFilters.AdaptTo(modelBuilder, Database.ProviderName);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are UTC everywhere; SQLite hands DateTime back as Unspecified, so say what it is.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcNullableDateTimeConverter>();
        // Money and rates: ledger amounts keep 4 decimals (ARCHITECTURE.md, rounding policy).
        configurationBuilder.Properties<decimal>().HavePrecision(19, 4);
        // Enums are stored by name: readable in SQL and safe against reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class UtcNullableDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? (v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime()) : v,
        v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
