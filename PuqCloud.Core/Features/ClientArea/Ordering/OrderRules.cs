using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The client area's ordering: which products a client sees and may order, and what an order comes to.
/// <list type="bullet">
/// <item>Listed in the store (<see cref="Listed"/>): active, visible, not hidden, not retired, in a visible product group,
/// with at least one price in the client's currency. A product whose stock is used up is listed, marked, and cannot be ordered.</item>
/// <item>Orderable (<see cref="IsOrderable"/>): active and not retired, and either visible or hidden. "Hidden" means what it
/// means in billing panels: never listed, but ordered by a direct link (/order/{id}). A product neither visible nor hidden
/// is for staff to sell only; to a client it, and a retired or inactive one, is "not found".</item>
/// <item>An order is placed by <see cref="ServiceSteps.OrderAsync"/>, as staff's is, and priced by the rules that start it.</item>
/// </list>
/// </summary>
public static class OrderRules
{
    public const string NoSuchProduct = "There is no such product to order.";
    public const string AccountClosed = "This account cannot place orders. Please contact us.";
    public const string PriceField = "ProductPriceId";
    public const string OptionsField = "OptionIds";

    /// <summary>Listed in the client area's store (the group must be visible too, and a price in the client's currency exist).</summary>
    public static readonly Expression<Func<Product, bool>> Listed = p => p.IsActive && p.IsVisible && !p.IsHidden && !p.IsRetired;

    /// <summary>A client may order it, from the store or by a direct link.</summary>
    public static bool IsOrderable(Product p) => p.IsActive && !p.IsRetired && (p.IsVisible || p.IsHidden);

    public static bool InStock(Product p) => !p.StockControl || p.StockQuantity > 0;

    public static int? StockLeft(Product p) => p.StockControl ? Math.Max(0, p.StockQuantity) : null;

    /// <summary>Charged by the hour: the product meters its price, or the price is per hour (a one-time price never is).</summary>
    public static bool IsMetered(bool hourlyBilling, PricePeriod period) => period != PricePeriod.OneTime && (hourlyBilling || period == PricePeriod.Hourly);

    /// <summary>The order in which prices are offered: recurring from the shortest period, a one-time price last.</summary>
    public static int PeriodOrder(PricePeriod period) => period == PricePeriod.OneTime ? int.MaxValue : (int)period;

    /// <summary>The client as ordering sees it: its state, currency, money and what tax selection reads of it.</summary>
    internal sealed record Buyer(Guid ClientId, ClientStatus Status, Currency Currency, decimal Balance, decimal CreditLimit, TaxClient TaxClient);

    internal static async Task<Buyer> BuyerAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken)
    {
        var c = await db.Clients.AsNoTracking().Where(x => x.Id == clientId)
                    .Select(x => new
                    {
                        x.Status, x.Balance, x.CreditLimit, Currency = x.Currency!, x.CompanyName, x.TaxId, x.VatValidNumber,
                        Billing = x.Addresses.Where(a => a.Type == AddressType.Billing).Select(a => new { a.CountryCode, a.Region }).FirstOrDefault(),
                    })
                    .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("There is no such client among yours.");
        return new Buyer(clientId, c.Status, c.Currency, c.Balance, c.CreditLimit,
            new TaxClient(c.Billing?.CountryCode, c.Billing?.Region, c.CompanyName, c.TaxId, c.VatValidNumber));
    }

    /// <summary>The language of the user asking (their own setting), else the language of the page or request.</summary>
    internal static async Task<string> LanguageAsync(AppDbContext db, ActorContext actors, CancellationToken cancellationToken) =>
        actors.Current.ClientUserId is { } id
        && await db.ClientUsers.AsNoTracking().Where(u => u.Id == id).Select(u => u.Language).FirstOrDefaultAsync(cancellationToken) is { Length: > 0 } language
            ? language
            : Languages.Current;

    /// <summary>The product, when a client may order it; otherwise "not found" (retired, inactive, for staff only, or no product at all).</summary>
    internal static async Task<Product> ProductAsync(AppDbContext db, Guid productId, CancellationToken cancellationToken)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == productId, cancellationToken);
        return product is not null && IsOrderable(product) ? product : throw new NotFoundException(NoSuchProduct);
    }

    /// <summary>A translated text in <paramref name="language"/>, else English, else null.</summary>
    internal static string? Text(IReadOnlyDictionary<string, string>? texts, string language) =>
        Translations.Resolve(texts, language) is { Length: > 0 } text ? text : null;

    /// <summary>An amount in the currency's style: at its minor unit, or with the ledger's 4 decimals when it has more (an hourly charge).</summary>
    internal static string Format(Currency currency, decimal amount) =>
        MoneyRounding.Fits(amount, currency.Decimals) ? currency.FormatAmount(amount) : currency.FormatAmount(amount, MoneyRounding.LedgerDecimals);

    /// <summary>Rounded up to the currency's minor unit (what to add must cover what is missing).</summary>
    public static decimal RoundUp(decimal amount, int decimals)
    {
        var scale = 1m;
        for (var i = 0; i < decimals; i++) scale *= 10m;
        return Math.Ceiling(amount * scale) / scale;
    }

    internal static OrderPrice ToPrice(ProductPrice row, bool hourlyBilling, Currency currency, DateTime now)
    {
        var metered = IsMetered(hourlyBilling, row.Period);
        // As billing charges the first hour of a service started now (ServiceCharges.Due).
        decimal? rate = metered ? BillingPeriods.HourlyRate(row.Period, row.Base, now) : null;
        var basis = metered && row.Period != PricePeriod.Hourly ? $"{currency.FormatAmount(row.Base)} ÷ {BillingPeriods.HoursIn(row.Period, now)} h" : null;
        return new OrderPrice(row.Id, row.Period, metered, row.Setup, row.Base, currency.FormatAmount(row.Setup), currency.FormatAmount(row.Base),
            rate, rate is { } r ? currency.FormatAmount(r, MoneyRounding.RateDecimals) : null, basis);
    }

    /// <summary>
    /// The summary of ordering <paramref name="product"/> at the price <paramref name="priceId"/> with <paramref name="optionIds"/>
    /// (see <see cref="OrderPreview"/>). A price of another product or currency is a field error of ProductPriceId, options
    /// <see cref="ServiceSteps.CheckOptionsAsync"/> refuses one of OptionIds. Nothing is written.
    /// </summary>
    internal static async Task<OrderPreview> PreviewAsync(AppDbContext db, FinanceSettings finance, Buyer buyer, Product product, Guid priceId,
        IReadOnlyCollection<Guid> optionIds, string language, DateTime now, CancellationToken cancellationToken)
    {
        var currency = buyer.Currency;
        var price = await db.ProductPrices.AsNoTracking().FirstOrDefaultAsync(p => p.Id == priceId && p.ProductId == product.Id, cancellationToken)
                    ?? throw RequestValidationException.For(PriceField, "Choose one of the product's prices.");
        if (price.CurrencyId != currency.Id) throw RequestValidationException.For(PriceField, $"Choose a price in {currency.Code}, the currency you pay in.");
        var chosen = (await ServiceSteps.CheckOptionsAsync(db, product.Id, optionIds, [], currency.Code, price.Period, OptionsField, cancellationToken)).Select(o => o.Id).ToList();

        // The options in the order the product offers its groups, each at its price of this currency and period (none: free, as billing charges it).
        var groupOrder = await db.ProductOptionGroupLinks.AsNoTracking().Where(l => l.ProductId == product.Id)
            .ToDictionaryAsync(l => l.OptionGroupId, l => l.Position, cancellationToken);
        var options = (await db.ProductOptions.AsNoTracking().Where(o => chosen.Contains(o.Id))
                .Join(db.OptionGroups, o => o.OptionGroupId, g => g.Id, (o, g) => new { o.Id, OptionKey = o.Key, o.Name, GroupId = g.Id, GroupKey = g.Key, GroupName = g.Name })
                .ToListAsync(cancellationToken))
            .OrderBy(o => groupOrder.GetValueOrDefault(o.GroupId)).ThenBy(o => o.GroupKey, StringComparer.Ordinal).ToList();
        var optionPrices = await db.ProductOptionPrices.AsNoTracking()
            .Where(p => chosen.Contains(p.ProductOptionId) && p.CurrencyId == currency.Id && p.Period == price.Period)
            .ToListAsync(cancellationToken);
        var priced = options.Select(o => (Option: o, Price: optionPrices.FirstOrDefault(p => p.ProductOptionId == o.Id))).ToList();

        var name = Translations.Resolve(product.Name, language, product.Key);
        var plan = new ServicePlan(Guid.Empty, buyer.ClientId, name, currency.Code, price.Period, product.HourlyBilling, product.AllowIdle, product.ModuleKey,
            price.Setup, price.Base, price.Idle, price.Uninstall,
            priced.Where(x => x.Price is not null).Select(x => new BillableOption(x.Price!.Base, x.Price.Idle, now)).ToList(),
            product.TerminationDelayHours, product.CancellationDelayHours);
        var startCost = ServiceSteps.StartCost(plan, now);
        var first = ServiceSteps.FirstCharge(plan, now);

        var lines = new List<(OrderLineKind Kind, string Name, string Description, decimal Amount)>();
        if (price.Setup > 0) lines.Add((OrderLineKind.Setup, name, $"{name}, setup fee", price.Setup));
        lines.Add((OrderLineKind.Price, name, $"{name}, {BillingPeriods.Words(price.Period)}", price.Base));
        foreach (var (option, optionPrice) in priced)
        {
            var optionName = $"{Translations.Resolve(option.GroupName, language, option.GroupKey)}: {Translations.Resolve(option.Name, language, option.OptionKey)}";
            lines.Add((OrderLineKind.Option, optionName, $"{name}, option {optionName}, {BillingPeriods.Words(price.Period)}", optionPrice?.Base ?? 0m));
        }
        var selection = (await AddFundsRules.SelectTaxesAsync(db, buyer.TaxClient, cancellationToken))?.Selection;
        var figures = DocumentMath.Compute(lines.Select(l => new DocumentLineInput(l.Description, 1m, l.Amount)).ToList(), selection?.Taxes ?? [], currency.Decimals);

        var (waiting, reserved) = await WaitingOrdersAsync(db, buyer.ClientId, now, cancellationToken);
        var available = buyer.Balance + buyer.CreditLimit;
        var covered = available - reserved >= startCost;
        // Proformas already issued and not paid yet will add their net: "Add X" asks only for what they leave missing (it
        // asked for all of it again, and a client who paid both had topped up twice), and never more than one top-up may be.
        var onItsWay = await AddFundsRules.UnpaidAsync(db, buyer.ClientId, currency.Decimals, cancellationToken);
        var limits = AddFundsRules.LimitsIn(finance, currency.ExchangeRate, currency.Decimals);
        var missing = RoundUp(startCost + reserved - available - onItsWay.Net, currency.Decimals);
        var toAdd = covered || missing <= 0 ? 0m : Math.Min(Math.Max(missing, limits.Min), limits.Max);

        return new OrderPreview(buyer.ClientId, product.Id, price.Id, name, price.Period, IsMetered(product.HourlyBilling, price.Period), currency.Code, currency.Decimals,
            lines.Select((l, i) => new OrderLine(l.Kind, l.Name, l.Description, figures.Lines[i].Amount, currency.FormatAmount(figures.Lines[i].Amount))).ToList(),
            figures.Subtotal, currency.FormatAmount(figures.Subtotal),
            figures.Taxes.Select((t, i) => new DocumentTaxDto(i + 1, t.Name, t.Rate, t.TaxableBase, t.Amount, currency.FormatAmount(t.TaxableBase), currency.FormatAmount(t.Amount))).ToList(),
            figures.TaxTotal, currency.FormatAmount(figures.TaxTotal), figures.Total, currency.FormatAmount(figures.Total),
            selection?.ReverseCharge ?? false, selection?.LegalNote,
            startCost, Format(currency, startCost), first?.Amount, first is null ? null : Format(currency, first.Amount),
            buyer.Balance, currency.FormatAmount(buyer.Balance), buyer.CreditLimit, currency.FormatAmount(buyer.CreditLimit), available, currency.FormatAmount(available),
            waiting, reserved, Format(currency, reserved), covered, toAdd, currency.FormatAmount(toAdd),
            toAdd == 0 ? null : $"/billing/add-funds?amount={toAdd.ToString("0.####", CultureInfo.InvariantCulture)}",
            InStock(product))
        {
            CancellationDelayHours = product.CancellationDelayHours,
            UnpaidProformas = onItsWay.Count,
            UnpaidProformasNet = onItsWay.Net,
            UnpaidProformasNetText = Format(currency, onItsWay.Net),
            FirstUnpaidProformaId = onItsWay.First,
            MoreNeeded = !covered && missing > limits.Max,
        };
    }

    /// <summary>
    /// The client's orders still waiting for funds and what starting them takes (<see cref="ServiceSteps.StartCost"/> each):
    /// the "Create pending services" schedule starts a client's orders oldest first, so a new order's funds come after theirs.
    /// Manual services and orders of a product taken off sale are left out, as the schedule leaves them. The amount also holds the first charges of started services
    /// whose module has not made them yet (<see cref="ServiceSteps.AwaitingFirstChargesAsync"/>), which starting refuses to spend.
    /// </summary>
    internal static async Task<(int Count, decimal Amount)> WaitingOrdersAsync(AppDbContext db, Guid clientId, DateTime now, CancellationToken cancellationToken)
    {
        var awaiting = await ServiceSteps.AwaitingFirstChargesAsync(db, clientId, now, cancellationToken);
        var pending = await db.Services.AsNoTracking()
            .Where(s => s.ClientId == clientId && s.Status == ServiceStatus.Pending && !s.IsManual && db.Products.Any(p => p.Id == s.ProductId && p.IsActive))
            .Select(s => new PlanSource(s.Id, s.ClientId, s.ProductPriceId, s.Options.Any())).ToListAsync(cancellationToken);
        if (pending.Count == 0) return (0, awaiting);
        var plans = await BillingData.PlansAsync(db, pending, cancellationToken);
        return (pending.Count, awaiting + plans.Values.Sum(p => ServiceSteps.StartCost(p, now)));
    }

    internal static string? IconUrl(string? path) => ImageRules.Url(path);
}
