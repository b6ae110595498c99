using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Finance;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The store of the client area: the visible product groups in order, each with the products a client can order, priced in the client's currency.</summary>
public sealed record OrderCatalog(Guid ClientId, string CurrencyCode, IReadOnlyList<OrderGroup> Groups);

/// <summary>A product group of the store with its products in the group's order (a group without any product to show is left out).</summary>
public sealed record OrderGroup(Guid Id, string Key, string Name, string? Description, string? IconUrl, IReadOnlyList<OrderProductCard> Products);

/// <summary>
/// A product as the store lists it: its names, whether it can be ordered now (<see cref="InStock"/>: false when its stock
/// is used up; listed, but not orderable), and its lowest-period price in the client's currency ("from").
/// </summary>
public sealed record OrderProductCard(
    Guid Id,
    string Key,
    string Name,
    string? Description,
    string? IconUrl,
    bool InStock,
    /// <summary>Units left of a stock-controlled product; null when the product keeps no stock.</summary>
    int? StockLeft,
    bool Metered,
    PricePeriod FromPeriod,
    decimal FromPrice,
    string FromPriceText,
    int PriceCount);

/// <summary>What the order page of one product offers: its prices in the client's currency and its option groups with their options.</summary>
public sealed record OrderForm(
    Guid ClientId,
    Guid ProductId,
    string Key,
    string Name,
    string? Description,
    string? IconUrl,
    /// <summary>Charged by the hour from the balance (pay as you go), whatever the period of the price.</summary>
    bool HourlyBilling,
    bool InStock,
    int? StockLeft,
    /// <summary>Not listed in the store: reached by a direct link.</summary>
    bool IsHidden,
    string CurrencyCode,
    int CurrencyDecimals,
    IReadOnlyList<OrderPrice> Prices,
    IReadOnlyList<OrderOptionGroup> OptionGroups);

/// <summary>
/// A price of the product in the client's currency. A metered one (<see cref="Metered"/>) is charged by the hour: its
/// <see cref="HourlyRate"/> is the period price divided by the hours of the current period (<see cref="HourlyRateBasis"/>
/// says so), as billing charges it now.
/// </summary>
public sealed record OrderPrice(
    Guid Id,
    PricePeriod Period,
    bool Metered,
    decimal Setup,
    decimal Base,
    string SetupText,
    string BaseText,
    decimal? HourlyRate,
    string? HourlyRateText,
    string? HourlyRateBasis);

/// <summary>An option group the product offers: choose at most one of its options.</summary>
public sealed record OrderOptionGroup(Guid Id, string Key, string Name, string? Description, IReadOnlyList<OrderOption> Options);

/// <summary>
/// An option and its prices in the client's currency, one per period. An option is charged with the service at its price
/// of the service's period. A <paramref name="Free"/> option (no price at all) is included with every period; any other
/// can be ordered only with a period it has a price for. Its setup price is not charged.
/// </summary>
public sealed record OrderOption(Guid Id, string Key, string Name, IReadOnlyList<OrderOptionPrice> Prices, bool Free = false)
{
    /// <summary>Whether it can be ordered with a price of <paramref name="period"/>.</summary>
    public bool OfferedWith(PricePeriod period) => Free || Prices.Any(p => p.Period == period);
}

public sealed record OrderOptionPrice(PricePeriod Period, decimal Base, string BaseText);

/// <summary>What a line of the order summary is: the setup fee, the product's price for a period, or an option's.</summary>
public enum OrderLineKind
{
    Setup,
    Price,
    Option,
}

/// <summary>A line of the order summary: <see cref="Name"/> is the product's or "group: option" name; <see cref="Description"/> the line as a document would word it.</summary>
public sealed record OrderLine(OrderLineKind Kind, string Name, string Description, decimal Amount, string AmountText);

/// <summary>
/// The summary of an order before it is placed, worked out by the rules that place and start it, written nowhere.
/// <list type="bullet">
/// <item>The price: the setup fee, the product's price for one period and each option's, their subtotal, the taxes
/// the tax rules put on it (as an add-funds proforma gets them: the balance is topped up net, taxes on top; each tax line
/// rounded to the minor unit on the subtotal, <see cref="Domain.Finance.DocumentMath"/>) and the total with taxes.</item>
/// <item>The funds check: <see cref="StartCost"/> is what starting the service takes from the balance, the setup fee
/// plus the first charge (the first hour of a metered service; <see cref="Billing.ServiceSteps.StartCost"/>, the very
/// figure the "Create pending services" schedule checks). The client's orders still waiting for funds come first
/// (<see cref="Reserved"/>, oldest first, as the schedule starts them). <see cref="Covered"/> when the balance plus the
/// credit limit, less that, covers it; otherwise <see cref="ToAdd"/> is what to add beyond what the client's unpaid
/// add-funds proformas will add once paid (at least the smallest top-up, at most the largest; 0 when those proformas
/// cover it) and <see cref="AddFundsUrl"/> the Add funds page with that amount.</item>
/// </list>
/// </summary>
public sealed record OrderPreview(
    Guid ClientId,
    Guid ProductId,
    Guid ProductPriceId,
    string ProductName,
    PricePeriod Period,
    bool Metered,
    string CurrencyCode,
    int CurrencyDecimals,
    IReadOnlyList<OrderLine> Lines,
    decimal Subtotal,
    string SubtotalText,
    IReadOnlyList<DocumentTaxDto> Taxes,
    decimal TaxTotal,
    string TaxTotalText,
    decimal Total,
    string TotalText,
    bool ReverseCharge,
    string? LegalNote,
    decimal StartCost,
    string StartCostText,
    /// <summary>The first recurring charge (an hour, or a period), null for a one-time price.</summary>
    decimal? FirstCharge,
    string? FirstChargeText,
    decimal Balance,
    string BalanceText,
    decimal CreditLimit,
    string CreditLimitText,
    decimal Available,
    string AvailableText,
    int WaitingOrders,
    decimal Reserved,
    string ReservedText,
    bool Covered,
    decimal ToAdd,
    string ToAddText,
    string? AddFundsUrl,
    bool InStock)
{
    /// <summary>Hours after which an order still waiting for funds is cancelled (the product's cancellation delay); 0: it waits for good.</summary>
    public int CancellationDelayHours { get; init; }

    /// <summary>The client's add-funds proformas waiting for payment, and the net they add once paid (counted before <see cref="ToAdd"/>).</summary>
    public int UnpaidProformas { get; init; }
    public decimal UnpaidProformasNet { get; init; }
    public string UnpaidProformasNetText { get; init; } = "";
    /// <summary>The oldest of them, to pay from the summary.</summary>
    public Guid? FirstUnpaidProformaId { get; init; }

    /// <summary>Starting it needs more than one top-up may add: <see cref="ToAdd"/> is the most one may be, and not enough.</summary>
    public bool MoreNeeded { get; init; }
}
