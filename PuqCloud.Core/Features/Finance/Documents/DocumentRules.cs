using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Live topics of documents: the subject is the client's id.</summary>
public static class DocumentTopics
{
    public const string Documents = "finance.documents";
}

/// <summary>The General settings' finance limits in one currency: the smallest and largest top-up and the largest balance.</summary>
public sealed record AddFundsLimits(decimal Min, decimal Max, decimal MaxBalance);

/// <summary>Everything "Add funds" decided for a client and an amount, before anything is written.</summary>
internal sealed record AddFundsPlan(
    Guid ClientId,
    Currency Currency,
    decimal Balance,
    AddFundsLimits Limits,
    HomeCompany Company,
    TaxSelection Selection,
    IReadOnlyList<DocumentLineInput> Lines,
    DocumentFigures? Figures,
    DocumentParty ClientParty,
    DocumentParty CompanyParty);

/// <summary>
/// The rules of "Add funds", shared by the request that issues the proforma and the one that previews it, so the
/// dialog shows exactly what will be issued: limits, the billing company and taxes (<see cref="TaxSelector"/>), the line.
/// </summary>
public static class AddFundsRules
{
    /// <summary>The item text when the home company has none.</summary>
    public const string DefaultItemText = "Add funds";

    /// <summary>
    /// The limits of General → Finance (kept in the default currency) in a client's currency: times the currency's
    /// exchange rate, at its minor unit (<see cref="PriceRules.Convert"/>).
    /// </summary>
    public static AddFundsLimits LimitsIn(FinanceSettings settings, decimal exchangeRate, int decimals) => new(
        PriceRules.Convert(settings.MinAddFunds, exchangeRate, decimals),
        PriceRules.Convert(settings.MaxAddFunds, exchangeRate, decimals),
        PriceRules.Convert(settings.MaxClientBalance, exchangeRate, decimals));

    /// <summary>The field rule of an amount to add (staff's and the client area's request alike): given and positive.</summary>
    public static IRuleBuilderOptions<T, decimal?> AddFundsAmount<T>(this IRuleBuilder<T, decimal?> rule) =>
        rule.NotNull().WithMessage("Enter the amount to add.").GreaterThan(0m).WithMessage("Enter a positive amount.");

    /// <summary>
    /// Why an amount cannot be added (null when it can): positive, at the currency's precision, within the limits, and the
    /// balance after it not above the largest, counting <paramref name="pending"/>, what the client's unpaid proformas will
    /// credit once paid (a payment is never refused, so the limit is kept when a proforma is issued).
    /// </summary>
    public static string? Problem(decimal amount, decimal balance, AddFundsLimits limits, int decimals, Func<decimal, string> format, decimal pending = 0m)
    {
        if (amount <= 0m) return "Enter a positive amount.";
        if (!MoneyRounding.Fits(amount, decimals))
            return decimals == 0 ? "The client's currency has no decimals: use a whole amount." : $"The client's currency has {decimals} decimal place(s): use at most that many.";
        if (amount < limits.Min) return $"Add at least {format(limits.Min)}.";
        if (amount > limits.Max) return $"Add at most {format(limits.Max)} at a time.";
        if (balance + pending + amount > limits.MaxBalance)
        {
            var room = Math.Max(0m, decimal.Round(limits.MaxBalance - balance - pending, decimals, MidpointRounding.ToZero));
            return pending > 0m
                ? $"The balance may reach at most {format(limits.MaxBalance)}: with {format(pending)} to come from unpaid proformas, at most {format(room)} can be added now."
                : $"The balance may reach at most {format(limits.MaxBalance)}: at most {format(room)} can be added now.";
        }
        return null;
    }

    /// <summary>
    /// How many proformas the client has unpaid, and what they will credit to its balance once paid: each one's net
    /// (subtotal) in the share of its total still to pay, at the currency's minor unit.
    /// </summary>
    /// <summary>
    /// The client's add-funds proformas waiting for payment: how many, the net they will add to the balance once paid, and
    /// the one to pay first (the earliest due, as the client's dashboard points to it).
    /// </summary>
    internal static async Task<(int Count, decimal Net, Guid? First)> UnpaidAsync(AppDbContext db, Guid clientId, int decimals, CancellationToken cancellationToken)
    {
        var unpaid = await db.Documents.AsNoTracking()
            .Where(d => d.ClientId == clientId && d.Kind == DocumentType.Proforma && d.Status == DocumentStatus.Unpaid)
            .Select(d => new { d.Id, d.Subtotal, d.Total, d.AmountPaid, d.DueAt, d.CreatedAt })
            .ToListAsync(cancellationToken);
        return (unpaid.Count, unpaid.Sum(d => d.Total <= 0m ? 0m : MoneyRounding.MinorUnit(d.Subtotal * (d.Total - d.AmountPaid) / d.Total, decimals)),
            unpaid.OrderBy(d => d.DueAt ?? DateTime.MaxValue).ThenBy(d => d.CreatedAt).Select(d => (Guid?)d.Id).FirstOrDefault());
    }

    /// <summary>Why no further proforma may be issued while <paramref name="unpaid"/> are unpaid (null when one may).</summary>
    public static string? TooManyUnpaid(int unpaid, int most) => unpaid < most ? null
        : most == 1 ? "An add-funds proforma is waiting for payment already: pay it, or wait until it expires, before adding more."
        : $"{unpaid} add-funds proformas are waiting for payment, {(unpaid == most ? "the most allowed" : $"more than the {most} allowed")}: pay one, or wait until one expires, before adding more.";

    /// <summary>
    /// Reads the client, the limits, the tax rules and home companies, and decides the document for <paramref name="amount"/>
    /// (without one, only the limits and the company). A refused amount is a field error on Amount; nothing is written here.
    /// </summary>
    internal static async Task<AddFundsPlan> PlanAsync(AppDbContext db, FinanceSettings settings, Guid clientId, decimal? amount, CancellationToken cancellationToken)
    {
        var client = await db.Clients.AsNoTracking()
                         .Where(c => c.Id == clientId)
                         .Select(c => new
                         {
                             c.FirstName, c.LastName, c.CompanyName, c.TaxId, c.VatValidNumber, c.Balance, c.Currency,
                             Billing = c.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing),
                             OwnerEmail = c.Memberships.Where(m => m.IsOwner).Select(m => m.ClientUser!.Email).FirstOrDefault(),
                         })
                         .FirstOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("The client does not exist.");
        var currency = client.Currency ?? throw new NotFoundException("The client's currency does not exist.");
        var limits = LimitsIn(settings, currency.ExchangeRate, currency.Decimals);
        if (amount is { } asked)
        {
            var unpaid = await UnpaidAsync(db, clientId, currency.Decimals, cancellationToken);
            if ((TooManyUnpaid(unpaid.Count, settings.MaxUnpaidProformas) ?? Problem(asked, client.Balance, limits, currency.Decimals, currency.FormatAmount, unpaid.Net)) is { } problem)
                throw RequestValidationException.For("Amount", problem);
        }

        var (selection, company) = await SelectTaxesAsync(db, new TaxClient(client.Billing?.CountryCode, client.Billing?.Region, client.CompanyName, client.TaxId, client.VatValidNumber),
                                       cancellationToken)
                                   ?? throw new RuleViolationException("There is no home company to bill: create one under Finance → Home companies first.");

        var itemText = string.IsNullOrWhiteSpace(company.AddFundsItemText) ? DefaultItemText : company.AddFundsItemText.Trim();
        IReadOnlyList<DocumentLineInput> lines = amount is { } value ? [new DocumentLineInput(itemText, 1m, value)] : [];
        var figures = lines.Count > 0 ? DocumentMath.Compute(lines, selection.Taxes, currency.Decimals) : null;
        var clientParty = DocumentParties.Client(client.FirstName, client.LastName, client.CompanyName, client.Billing, client.OwnerEmail, selection.VatId ?? client.TaxId);
        return new AddFundsPlan(clientId, currency, client.Balance, limits, company, selection, lines, figures, clientParty, DocumentParties.Company(company));
    }

    /// <summary>
    /// The home company that bills <paramref name="client"/> and the taxes on top (<see cref="TaxSelector"/> over the tax rules in
    /// order and the home companies), as an add-funds proforma gets them; null when there is no home company at all. The
    /// client area's order summary shows the taxes of the same selection. Refused when the client's country has rules per
    /// region, none matched, and the billing address has no region.
    /// </summary>
    internal static async Task<(TaxSelection Selection, HomeCompany Company)?> SelectTaxesAsync(AppDbContext db, TaxClient client, CancellationToken cancellationToken)
    {
        var rules = await db.TaxRules.AsNoTracking().OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var companies = await db.HomeCompanies.AsNoTracking().ToListAsync(cancellationToken);
        var selection = TaxSelector.Select(client, rules, companies.Select(c => new TaxCompany(c.Id, c.CountryCode, c.IsDefault, c.EuTaxNote)).ToList());
        // Rules per region (Canada's provinces, say) match no address without one, and no match bills without taxes: refused
        // instead, since the client owes the region's taxes and only the region can say which.
        if (selection is { Rule: null } && string.IsNullOrWhiteSpace(client.Region) && client.CountryCode?.Trim() is { Length: > 0 } country
            && rules.Any(r => r.Region is not null && string.Equals(r.CountryCode, country, StringComparison.OrdinalIgnoreCase)))
            throw new RuleViolationException(
                $"The client's billing address has no region (state or province), and the tax rules for {country.ToUpperInvariant()} depend on it: add the region to the billing address first.");
        return selection is null ? null : (selection, companies.First(c => c.Id == selection.HomeCompanyId));
    }

    /// <summary>Issues the proforma: the core that staff's <see cref="AddFunds"/> and the client area's request share.</summary>
    internal static async Task<DocumentDetails> IssueAsync(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, BillingClock clock, ILiveEvents live,
        Guid clientId, decimal amount, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var finance = (await settings.LoadAsync(cancellationToken)).Finance;
        Guid id;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // The number is taken in the transaction that saves the proforma: a rollback gives it back, so numbers stay gapless.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Requests for one client queue on its row, so that each one's limit counts the proformas issued before it.
            await ClientQueue.JoinAsync(db, clientId, cancellationToken);
            var plan = await AddFundsRules.PlanAsync(db, finance, clientId, amount, cancellationToken);
            var proforma = Document.Draft(DocumentType.Proforma, plan.Company.Id, clientId, plan.Currency.Code, plan.Currency.Decimals, plan.Lines,
                plan.Selection.Taxes, plan.ClientParty, plan.CompanyParty, plan.Selection.ReverseCharge, plan.Selection.LegalNote);
            var number = await DocumentNumbers.TakeNextAsync(db, plan.Company.Id, DocumentType.Proforma, now, cancellationToken);
            proforma.Issue(number, now, now.AddDays(finance.InvoiceDueDays));
            db.Documents.Add(proforma);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            id = proforma.Id;
        }
        await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, clientId.ToString(), now), cancellationToken);
        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return await DocumentRules.DetailsAsync(read, id, cancellationToken);
    }

    internal static AddFundsPreview ToPreview(AddFundsPlan plan)
    {
        var c = plan.Currency;
        var figures = plan.Figures;
        return new AddFundsPreview(plan.ClientId, c.Code, c.Decimals, plan.Company.Id, plan.Company.Name,
            plan.Limits.Min, plan.Limits.Max, plan.Limits.MaxBalance, c.FormatAmount(plan.Limits.Min), c.FormatAmount(plan.Limits.Max),
            c.FormatAmount(plan.Limits.MaxBalance), c.FormatAmount(plan.Balance),
            figures?.Lines.Select((l, i) => new DocumentLineDto(i + 1, l.Description, l.Quantity, l.UnitPrice, l.Amount, c.FormatAmount(l.UnitPrice), c.FormatAmount(l.Amount))).ToList() ?? [],
            figures?.Taxes.Select((t, i) => new DocumentTaxDto(i + 1, t.Name, t.Rate, t.TaxableBase, t.Amount, c.FormatAmount(t.TaxableBase), c.FormatAmount(t.Amount))).ToList() ?? [],
            figures?.Subtotal ?? 0m, figures?.TaxTotal ?? 0m, figures?.Total ?? 0m,
            c.FormatAmount(figures?.Subtotal ?? 0m), c.FormatAmount(figures?.TaxTotal ?? 0m), c.FormatAmount(figures?.Total ?? 0m),
            plan.Selection.ReverseCharge, plan.Selection.LegalNote);
    }
}

/// <summary>The parties of a document as they are now, frozen into its snapshots when it is made.</summary>
public static class DocumentParties
{
    public static DocumentParty Client(string firstName, string lastName, string? companyName, ClientAddress? billing, string? ownerEmail, string? vatId) =>
        new(Domain.Clients.Client.NameOf(firstName, lastName, companyName), string.IsNullOrWhiteSpace(companyName) ? null : companyName.Trim(),
            $"{firstName} {lastName}".Trim(), billing?.Email ?? ownerEmail, billing?.Address1, billing?.Address2, billing?.City,
            billing?.Postcode, billing?.CountryCode, billing?.Region, vatId);

    public static DocumentParty Company(HomeCompany company) =>
        new(company.LegalName ?? company.Name, company.LegalName, null, company.Email, company.Address1, company.Address2,
            company.City, company.Postcode, company.CountryCode, company.Region, company.EuVatId, company.TaxNumber, company.RegistrationNumber, company.CountryTaxNote);

    /// <summary>A client's party read now: its billing address (else the owner's e-mail) and its tax ID as an EU VAT ID where it is one.</summary>
    internal static async Task<DocumentParty> ClientNowAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken)
    {
        var c = await db.Clients.AsNoTracking().Where(x => x.Id == clientId)
                    .Select(x => new
                    {
                        x.FirstName, x.LastName, x.CompanyName, x.TaxId,
                        Billing = x.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing),
                        OwnerEmail = x.Memberships.Where(m => m.IsOwner).Select(m => m.ClientUser!.Email).FirstOrDefault(),
                    })
                    .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The client does not exist.");
        return Client(c.FirstName, c.LastName, c.CompanyName, c.Billing, c.OwnerEmail, EuVat.Normalize(c.TaxId, c.Billing?.CountryCode) ?? c.TaxId);
    }

    /// <summary>
    /// The buyer of a document that follows from <paramref name="basis"/> (a proforma's final invoice, an invoice's credit
    /// note): the client as they are now, but under a reverse charge with the VAT ID the reverse charge was decided on. The
    /// follower keeps the basis's taxes (the money was taken at that price), so an ID changed, or found invalid, since then
    /// must not stand on a document that says the buyer accounts for the VAT.
    /// </summary>
    internal static async Task<DocumentParty> ClientFollowingAsync(AppDbContext db, Document basis, CancellationToken cancellationToken)
    {
        var now = await ClientNowAsync(db, basis.ClientId, cancellationToken);
        return basis.ReverseCharge ? now with { VatId = DocumentParty.FromJson(basis.ClientSnapshot).VatId } : now;
    }
}

/// <summary>Reads documents as lists and pages show them, with client and company names and amounts in each currency's style.</summary>
public static class DocumentRules
{
    /// <summary>Sorts of the lists: newest first by default; "createdAt" oldest first; "number", "issuedAt", "dueAt" either way (SQLite cannot order by a decimal, so not by total).</summary>
    public static readonly IReadOnlyList<string> Sorts = ["createdAt", "-createdAt", "number", "-number", "issuedAt", "-issuedAt", "dueAt", "-dueAt"];

    public static IQueryable<Document> Ordered(IQueryable<Document> query, string? sort) => sort switch
    {
        "createdAt" => query.OrderBy(d => d.CreatedAt).ThenBy(d => d.Id),
        "number" => query.OrderBy(d => d.Number).ThenBy(d => d.Id),
        "-number" => query.OrderByDescending(d => d.Number).ThenByDescending(d => d.Id),
        "issuedAt" => query.OrderBy(d => d.IssuedAt).ThenBy(d => d.Id),
        "-issuedAt" => query.OrderByDescending(d => d.IssuedAt).ThenByDescending(d => d.Id),
        "dueAt" => query.OrderBy(d => d.DueAt).ThenBy(d => d.Id),
        "-dueAt" => query.OrderByDescending(d => d.DueAt).ThenByDescending(d => d.Id),
        _ => query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id),
    };

    public static async Task<IReadOnlyList<DocumentListItem>> ListAsync(AppDbContext db, IQueryable<Document> documents, CancellationToken cancellationToken)
    {
        var rows = await documents.AsNoTracking()
            .Select(d => new
            {
                Document = d,
                Client = db.Clients.Where(c => c.Id == d.ClientId).Select(c => new { c.FirstName, c.LastName, c.CompanyName }).First(),
                Company = db.HomeCompanies.Where(h => h.Id == d.HomeCompanyId).Select(h => h.Name).First(),
            })
            .ToListAsync(cancellationToken);
        var currencies = await CurrenciesAsync(db, rows.Select(r => r.Document.CurrencyCode), cancellationToken);
        return rows.Select(r =>
        {
            var d = r.Document;
            var format = Formatter(currencies, d);
            return new DocumentListItem(d.Id, d.Kind, d.Status, d.Number, d.ClientId, Client.NameOf(r.Client.FirstName, r.Client.LastName, r.Client.CompanyName),
                d.HomeCompanyId, r.Company, d.CurrencyCode, d.Subtotal, d.TaxTotal, d.Total, d.AmountPaid, format(d.Total), format(d.AmountPaid),
                d.IssuedAt, d.DueAt, d.CreatedAt);
        }).ToList();
    }

    public static async Task<DocumentDetails> DetailsAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var d = await db.Documents.AsNoTracking().Include(x => x.Lines).Include(x => x.Taxes).AsSplitQuery()
                    .FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
                ?? throw new NotFoundException("There is no such document.");
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == d.ClientId).Select(c => new { c.FirstName, c.LastName, c.CompanyName }).FirstAsync(cancellationToken);
        var company = await db.HomeCompanies.AsNoTracking().Where(h => h.Id == d.HomeCompanyId).Select(h => h.Name).FirstAsync(cancellationToken);
        var format = Formatter(await CurrenciesAsync(db, [d.CurrencyCode], cancellationToken), d);
        var related = await db.Documents.AsNoTracking()
            .Where(x => x.Id == d.RelatedDocumentId || x.RelatedDocumentId == d.Id)
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.Id)
            .Select(x => new DocumentLink(x.Id, x.Kind, x.Status, x.Number, x.IssuedAt))
            .ToListAsync(cancellationToken);
        return new DocumentDetails(d.Id, d.Kind, d.Status, d.Number, d.ClientId, Client.NameOf(client.FirstName, client.LastName, client.CompanyName),
            d.HomeCompanyId, company, d.CurrencyCode, d.CurrencyDecimals, d.Subtotal, d.TaxTotal, d.Total, d.AmountPaid,
            format(d.Subtotal), format(d.TaxTotal), format(d.Total), format(d.AmountPaid), d.IssuedAt, d.DueAt, d.CreatedAt,
            d.Lines.OrderBy(l => l.Position).Select(l => new DocumentLineDto(l.Position, l.Description, l.Quantity, l.UnitPrice, l.Amount, format(l.UnitPrice), format(l.Amount))).ToList(),
            d.Taxes.OrderBy(t => t.Position).Select(t => new DocumentTaxDto(t.Position, t.Name, t.Rate, t.TaxableBase, t.Amount, format(t.TaxableBase), format(t.Amount))).ToList(),
            d.ReverseCharge, d.LegalNote, d.RelatedDocumentId, DocumentParty.FromJson(d.ClientSnapshot), DocumentParty.FromJson(d.CompanySnapshot))
        {
            Related = related,
            RemainingText = format(Math.Max(0m, d.Total - d.AmountPaid)),
        };
    }

    private static async Task<Dictionary<string, Currency>> CurrenciesAsync(AppDbContext db, IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct().ToList();
        return await db.Currencies.AsNoTracking().Where(c => wanted.Contains(c.Code)).ToDictionaryAsync(c => c.Code, cancellationToken);
    }

    /// <summary>Amounts of a document in its currency's style, at the minor unit the document was made with.</summary>
    private static Func<decimal, string> Formatter(Dictionary<string, Currency> currencies, Document d) =>
        currencies.GetValueOrDefault(d.CurrencyCode) is { } currency
            ? amount => currency.FormatAmount(amount, d.CurrencyDecimals)
            : amount => $"{MoneyRounding.MinorUnit(amount, d.CurrencyDecimals).ToString("N" + d.CurrencyDecimals, System.Globalization.CultureInfo.InvariantCulture)} {d.CurrencyCode}";
}
