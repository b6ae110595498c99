using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Web.Components.Admin.Catalog;

namespace PuqCloud.Web.Components.Shared;

/// <summary>Readable, localized names of service statuses, provisioning states and ledger row types, and the chip colour of each status.</summary>
public static class ServiceTexts
{
    public static string Status(IStringLocalizer l, ServiceStatus status) => status switch
    {
        ServiceStatus.Pending => l["Pending"],
        ServiceStatus.Active => l["Active"],
        ServiceStatus.Suspended => l["Suspended"],
        ServiceStatus.Terminated => l["Terminated"],
        ServiceStatus.Cancelled => l["Cancelled"],
        _ => status.ToString(),
    };

    /// <summary>The colours of the client status chips: active green, waiting blue, held amber, ended grey.</summary>
    public static Color StatusColor(ServiceStatus status) => status switch
    {
        ServiceStatus.Active => Color.Success,
        ServiceStatus.Pending => Color.Info,
        ServiceStatus.Suspended => Color.Warning,
        _ => Color.Default,
    };

    public static string Provision(IStringLocalizer l, ProvisionStatus status) => status switch
    {
        ProvisionStatus.NotProvisioned => l["Not provisioned"],
        ProvisionStatus.InProgress => l["In progress"],
        ProvisionStatus.Provisioned => l["Provisioned"],
        ProvisionStatus.Failed => l["Failed"],
        ProvisionStatus.Removed => l["Removed"],
        _ => status.ToString(),
    };

    public static Color ProvisionColor(ProvisionStatus status) => status switch
    {
        ProvisionStatus.Provisioned => Color.Success,
        ProvisionStatus.InProgress => Color.Info,
        ProvisionStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    /// <summary>How often the price is charged: the period's name, and "by the hour" when the service is metered.</summary>
    public static string Period(IStringLocalizer l, PricePeriod period, bool metered) =>
        metered && period != PricePeriod.Hourly ? $"{PricePeriodText.Of(period, l)} · {l["by the hour"]}" : PricePeriodText.Of(period, l);

    /// <summary>
    /// An amount the server sent as a number only (a price row's setup or uninstall fee, an hourly rate): the digits it
    /// holds, at least <paramref name="decimals"/> of them and up to four, never rounded further, with the currency code.
    /// </summary>
    public static string Amount(decimal amount, string currencyCode, int decimals = 2) =>
        amount.ToString("#,0." + new string('0', decimals) + new string('#', Math.Max(0, 4 - decimals)), CultureInfo.CurrentCulture) + "\u00a0" + currencyCode;

    public static string Type(IStringLocalizer l, LedgerEntryType type) => type switch
    {
        LedgerEntryType.Charge => l["Charge"],
        LedgerEntryType.Payment => l["Payment"],
        LedgerEntryType.Refund => l["Refund"],
        LedgerEntryType.Adjustment => l["Adjustment"],
        _ => type.ToString(),
    };

    public static string Kind(IStringLocalizer l, ChargeKind kind) => kind switch
    {
        ChargeKind.Period => l["Period"],
        ChargeKind.Setup => l["Setup"],
        ChargeKind.OneTime => l["One-time"],
        ChargeKind.Switch => l["Package switch"],
        ChargeKind.Proration => l["Proration"],
        ChargeKind.Uninstall => l["Uninstall"],
        _ => kind.ToString(),
    };
}
