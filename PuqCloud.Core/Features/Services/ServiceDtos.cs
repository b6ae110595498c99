using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;

namespace PuqCloud.Core.Features.Services;

/// <summary>A row of Services → All Services and of a client's Services tab. <c>Price</c> is what a period costs as it stands: the base price (idle price while idle) and the options.</summary>
public sealed record ServiceListItem(Guid Id, string Title, Guid ClientId, string ClientName, Guid ProductId, string ProductName, string ProductKey,
    ServiceStatus Status, bool IsIdle, bool IsManual, string? Label, PricePeriod Period, bool Metered, decimal Price, string CurrencyCode, string PriceText,
    DateTime? NextChargeAt, DateTime? PaidUntil, DateTime OrderedAt);

/// <summary>An option chosen for a service, with its price for the service's period (its idle price while the service is idle).</summary>
public sealed record ServiceOptionDto(Guid OptionId, string GroupName, string OptionName, decimal Price, string PriceText, DateTime AddedAt);

/// <summary>A service page: status, provisioning, price and options, billing times, what it has cost so far.</summary>
public sealed record ServiceDetails(
    Guid Id,
    string Title,
    Guid ClientId,
    string ClientName,
    decimal ClientBalance,
    string ClientBalanceText,
    Guid ProductId,
    string ProductName,
    string ProductKey,
    Guid ProductPriceId,
    string? ModuleKey,
    bool AllowIdle,
    bool HourlyBilling,
    ServiceStatus Status,
    bool IsIdle,
    bool IsManual,
    string? Label,
    ProvisionStatus ProvisionStatus,
    IReadOnlyDictionary<string, string> ProvisionData,
    string? ProvisionError,
    PricePeriod Period,
    string CurrencyCode,
    decimal Setup,
    decimal Base,
    decimal Idle,
    decimal Uninstall,
    /// <summary>What a period costs as it stands: the base price (the idle price while idle) and the options, as billing charges it.</summary>
    string PriceText,
    /// <summary>Per hour for a metered service (4 decimals): the rate of the next hour billing charges, options included; null otherwise.</summary>
    decimal? HourlyRate,
    IReadOnlyList<ServiceOptionDto> Options,
    DateTime OrderedAt,
    DateTime? ActivatedAt,
    DateTime? BillingAnchor,
    DateTime? PaidUntil,
    DateTime? NextChargeAt,
    DateTime? SuspendedAt,
    string? SuspensionReason,
    DateTime? TerminationRequestedAt,
    DateTime? TerminatedAt,
    DateTime? CancelledAt,
    decimal ChargedSoFar,
    string ChargedSoFarText,
    /// <summary>The setup, idle and uninstall prices as the client's currency writes them.</summary>
    string SetupText,
    string IdleText,
    string UninstallText,
    /// <summary><see cref="HourlyRate"/> as the currency writes it, with its 4 decimals; null when not metered.</summary>
    string? HourlyRateText,
    /// <summary>How the hourly rate comes about: "$11.16 ÷ 744 h" (the price with options over the hours of the month or other period it falls in); null for an hourly price.</summary>
    string? HourlyRateBasis)
{
    /// <summary>Staff asked for the termination: the client area offers no withdrawal, only a word to contact staff.</summary>
    public bool TerminationRequestedByStaff { get; init; }

    /// <summary>When the module's create first succeeded; null while the module has not made the service.</summary>
    public DateTime? ProvisionedAt { get; init; }

    /// <summary>Terminating would charge no uninstall fee although the price has one: the module never made the service.</summary>
    public bool UninstallWaived { get; init; }

    /// <summary>
    /// The service's last module action ("create", "suspend", "terminate", …) that failed every try and that staff may queue
    /// again (<see cref="RetryServiceProvisioning"/>); null when there is none or one is on its way.
    /// </summary>
    public string? RetryableModuleAction { get; init; }

    /// <summary>Staff may queue the last module action again: <see cref="RetryableModuleAction"/> is set.</summary>
    public bool CanRetryProvisioning => RetryableModuleAction is not null;
}

/// <summary>One step of a service's history.</summary>
public sealed record ServiceEventDto(DateTime At, string Kind, string Text, string Actor);

/// <summary>
/// What a change of a service would post now, each row as the ledger would show it, and their net (positive charged):
/// for a package switch the fee (up or down, as the switch decides it from the whole price with the options that stay,
/// and whether it wakes an idle service) and the proration; for idle or waking the settlement of the paid period.
/// <see cref="Refusal"/> says why the change would be refused (the balance does not cover it, say), with no lines.
/// </summary>
public sealed record ServiceChangePreview(IReadOnlyList<ServiceOptionsPreviewLine> Lines, decimal Net, string NetText, string? Refusal)
{
    /// <summary>The rows <see cref="ServiceRules.DryRunAsync"/> answered, as a preview in the client's currency.</summary>
    public static ServiceChangePreview Of(IReadOnlyList<LedgerEntry> rows, string? refusal, Domain.Reference.Currency currency)
    {
        var net = -rows.Sum(r => r.Amount);
        return new ServiceChangePreview(
            rows.Select(r => new ServiceOptionsPreviewLine(r.Description, r.Amount,
                (r.Amount < 0 ? "−" : "+") + currency.FormatAmount(Math.Abs(r.Amount), MoneyRounding.LedgerDecimals))).ToList(),
            net, currency.FormatAmount(Math.Abs(net), MoneyRounding.LedgerDecimals), refusal);
    }
}
