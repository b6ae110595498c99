using MediatR;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Finance;

namespace PuqCloud.Web.Api;

/// <summary>Finance: home companies (with their settings and payment gateways) and tax rules.</summary>
public static class FinanceApi
{
    public sealed record CreateHomeCompanyBody(string? Name);
    public sealed record HomeCompanyGeneralBody(string? Name, string? LegalName, string? Address1, string? Address2, string? City, string? Postcode,
        string? CountryCode, string? Region, string? Email, string? Phone, string? Website, bool? IsDefault);
    public sealed record TaxSettingsBody(string? EuVatId, string? TaxNumber, string? RegistrationNumber, string? EuTaxNote, string? CountryTaxNote);
    public sealed record EmailSettingsBody(string? SenderName, string? SenderEmail, string? ReplyToEmail, string? BccEmails);
    public sealed record NumberSeriesBody(DocumentType? DocumentType, string? Format, long? NextNumber, NumberResetPolicy? ResetPolicy);
    public sealed record InvoiceSettingsBody(IReadOnlyList<NumberSeriesBody>? Numbering, string? AddFundsItemText, string? RefundItemText, PaperSize? PaperSize);
    public sealed record PaymentGatewayBody(string? Key, string? ModuleKey, string? Name, bool? IsEnabled, IReadOnlyList<string>? Currencies,
        IReadOnlyDictionary<string, string?>? Settings);
    public sealed record TaxRuleBody(string? CountryCode, string? Region, bool? AppliesToPrivate, bool? AppliesToCompanyWithoutTaxId, bool? AppliesToCompanyWithTaxId,
        bool? IndividualTaxRate, string? Tax1Name, decimal? Tax1Rate, string? Tax2Name, decimal? Tax2Rate, string? Tax3Name, decimal? Tax3Rate, Guid? HomeCompanyId);
    public sealed record ReorderBody(IReadOnlyList<Guid>? Ids);
    public sealed record PresetBody(Guid? HomeCompanyId);
    public sealed class MatchQuery
    {
        public Guid? ClientId { get; init; }
        public string? Country { get; init; }
        public string? Region { get; init; }
        public ClientTaxType? ClientType { get; init; }
    }

    public static void MapFinance(this RouteGroupBuilder v1)
    {
        MapHomeCompanies(v1.MapGroup("/home-companies").WithTags("Home companies"));
        MapTaxRules(v1.MapGroup("/tax-rules").WithTags("Tax rules"));
    }

    private static void MapHomeCompanies(RouteGroupBuilder group)
    {
        group.MapGet("", (IMediator m, [AsParameters] ListQuery q, CancellationToken ct) => m.Send(new ListHomeCompanies(q.ToPageRequest()), ct))
            .WithName("ListHomeCompanies")
            .WithSummary("Home companies, paged; sort by name, legalName, countryCode or isDefault.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetHomeCompany(id), ct))
            .WithName("GetHomeCompany")
            .WithSummary("A home company with all its settings and the next number of each document type.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", async (IMediator m, CreateHomeCompanyBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateHomeCompany(b.Name ?? ""), ct);
            return TypedResults.Created($"/api/admin/v1/home-companies/{created.Id}", created);
        }).WithName("CreateHomeCompany")
            .WithSummary("Create a home company by its name; the first one becomes the default.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        // Each tab below changes only what its body sends: the rest is taken from the company as it is.
        group.MapPut("/{id:guid}", async (IMediator m, Guid id, HomeCompanyGeneralBody b, CancellationToken ct) =>
        {
            var c = await m.Send(new GetHomeCompany(id), ct);
            // A new company has no address yet: until one is sent, the validator asks for it.
            return await m.Send(new UpdateHomeCompanyGeneral(id, b.Name ?? c.Name, b.LegalName ?? c.LegalName, b.Address1 ?? c.Address1 ?? "", b.Address2 ?? c.Address2,
                b.City ?? c.City ?? "", b.Postcode ?? c.Postcode, b.CountryCode ?? c.CountryCode ?? "", b.Region ?? c.Region,
                b.Email ?? c.Email, b.Phone ?? c.Phone, b.Website ?? c.Website, b.IsDefault), ct);
        }).WithName("UpdateHomeCompanyGeneral")
            .WithSummary("The General tab: name, legal name, address, contact, default switch; fields left out keep their value (\"\" empties an optional text).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/tax-settings", async (IMediator m, Guid id, TaxSettingsBody b, CancellationToken ct) =>
        {
            var c = await m.Send(new GetHomeCompany(id), ct);
            return await m.Send(new UpdateHomeCompanyTaxSettings(id, b.EuVatId ?? c.EuVatId, b.TaxNumber ?? c.TaxNumber, b.RegistrationNumber ?? c.RegistrationNumber,
                b.EuTaxNote ?? c.EuTaxNote, b.CountryTaxNote ?? c.CountryTaxNote), ct);
        }).WithName("UpdateHomeCompanyTaxSettings")
            .WithSummary("The Tax settings tab: tax identifiers and notes; fields left out keep their value (\"\" empties one).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/email-settings", async (IMediator m, Guid id, EmailSettingsBody b, CancellationToken ct) =>
        {
            var c = await m.Send(new GetHomeCompany(id), ct);
            return await m.Send(new UpdateHomeCompanyEmailSettings(id, b.SenderName ?? c.SenderName, b.SenderEmail ?? c.SenderEmail, b.ReplyToEmail ?? c.ReplyToEmail,
                b.BccEmails ?? c.BccEmails), ct);
        }).WithName("UpdateHomeCompanyEmailSettings")
            .WithSummary("The Email settings tab: sender, reply-to and BCC addresses; fields left out keep their value (\"\" empties one).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/invoice-settings", async (IMediator m, Guid id, InvoiceSettingsBody b, CancellationToken ct) =>
        {
            var c = await m.Send(new GetHomeCompany(id), ct);
            return await m.Send(new UpdateHomeCompanyInvoiceSettings(id, (b.Numbering ?? []).OfType<NumberSeriesBody>().Select(n => Series(n, c.Numbering)).ToList(),
                b.AddFundsItemText ?? c.AddFundsItemText, b.RefundItemText ?? c.RefundItemText, b.PaperSize ?? c.PaperSize), ct);
        }).WithName("UpdateHomeCompanyInvoiceSettings")
            .WithSummary("Numbering ({YEAR} {MONTH} {DAY} {NUMBER} {NUMBER:n}, next number, reset Never/Monthly/Yearly) per document type, item texts, paper size; " +
                "fields left out keep their value, and so do the counters of document types left out.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapImageSlots<HomeCompanyImageSlot>("HomeCompany", (id, slot, content) => new SetHomeCompanyImage(id, slot, content));
        group.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteHomeCompany(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteHomeCompany")
            .WithSummary("Delete a home company that is not the default and bills through no tax rule.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapGet("/payment-modules", (IMediator m, CancellationToken ct) => m.Send(new ListPaymentModuleOptions(), ct))
            .WithName("ListPaymentModuleOptions")
            .WithSummary("The active Payment modules a gateway can use.");
        group.MapGet("/{id:guid}/payment-gateways", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListPaymentGateways(id), ct))
            .WithName("ListPaymentGateways")
            .WithSummary("The home company's payment gateways in the order payers see them, each with its module (and whether it is active), name, on/off, currencies and settings form (secrets only say whether they are set).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/payment-gateways", async (IMediator m, Guid id, PaymentGatewayBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreatePaymentGateway(id, b.Key ?? "", b.ModuleKey ?? "", b.Name, b.IsEnabled, b.Currencies, b.Settings), ct);
            return TypedResults.Created($"/api/admin/v1/home-companies/{id}/payment-gateways/{created.Id}", created);
        }).WithName("CreatePaymentGateway")
            .WithSummary("Add a payment gateway: a key unique within the company, an active Payment module, a name payers see, on/off, the currency codes it takes (the default currency when left out; never none) and the module's gateway settings by field key (secrets stored encrypted, never returned). It goes last in the order.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}/payment-gateways/{gatewayId:guid}", async (IMediator m, Guid id, Guid gatewayId, PaymentGatewayBody b, CancellationToken ct) =>
        {
            var g = await m.Send(new GetPaymentGateway(id, gatewayId), ct);
            return await m.Send(new UpdatePaymentGateway(id, gatewayId, b.Key ?? g.Key, b.ModuleKey ?? g.ModuleKey, b.Name, b.IsEnabled, b.Currencies, b.Settings), ct);
        }).WithName("UpdatePaymentGateway")
            .WithSummary("Change a gateway's key, module, name, on/off, currencies or settings; fields left out keep their value, a secret sent empty keeps the saved one, settings sent replace the form.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/payment-gateways/reorder", (IMediator m, Guid id, ReorderBody b, CancellationToken ct) => m.Send(new ReorderPaymentGateways(id, b.Ids ?? []), ct))
            .WithName("ReorderPaymentGateways")
            .WithSummary("Put the company's gateways in a new order: the ids of exactly all its gateways, first one shown first to payers.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}/payment-gateways/{gatewayId:guid}", async (IMediator m, Guid id, Guid gatewayId, CancellationToken ct) =>
        {
            await m.Send(new DeletePaymentGateway(id, gatewayId), ct);
            return TypedResults.NoContent();
        }).WithName("DeletePaymentGateway")
            .WithSummary("Delete a payment gateway of the home company; one that has received payments is refused (switch it off instead).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static void MapTaxRules(RouteGroupBuilder group)
    {
        group.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new ListTaxRules(), ct))
            .WithName("ListTaxRules")
            .WithSummary("All tax rules in the order they are read (first match wins); shadowedBy names a broader rule above.");
        group.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetTaxRule(id), ct))
            .WithName("GetTaxRule")
            .WithSummary("One tax rule, with its place in the order and the broader rule above that shadows it, if any.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", async (IMediator m, TaxRuleBody b, CancellationToken ct) =>
        {
            var created = await m.Send(ToCreate(b), ct);
            return TypedResults.Created($"/api/admin/v1/tax-rules/{created.Id}", created);
        }).WithName("CreateTaxRule")
            .WithSummary("Add a rule at the end of the list.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}", async (IMediator m, Guid id, TaxRuleBody b, CancellationToken ct) =>
        {
            var r = await m.Send(new GetTaxRule(id), ct);
            return await m.Send(new UpdateTaxRule(id, b.CountryCode ?? r.CountryCode, b.Region ?? r.Region, b.AppliesToPrivate ?? r.AppliesToPrivate,
                b.AppliesToCompanyWithoutTaxId ?? r.AppliesToCompanyWithoutTaxId, b.AppliesToCompanyWithTaxId ?? r.AppliesToCompanyWithTaxId,
                b.IndividualTaxRate ?? r.IndividualTaxRate,
                b.Tax1Name ?? r.Tax1Name, Rate(b.Tax1Name, b.Tax1Rate, r.Tax1Rate), b.Tax2Name ?? r.Tax2Name, Rate(b.Tax2Name, b.Tax2Rate, r.Tax2Rate),
                b.Tax3Name ?? r.Tax3Name, Rate(b.Tax3Name, b.Tax3Rate, r.Tax3Rate), b.HomeCompanyId ?? r.HomeCompanyId), ct);
        }).WithName("UpdateTaxRule")
            .WithSummary("Change a rule; fields left out keep their value (\"\" empties the region or a tax: a tax emptied by its name loses its rate too).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteTaxRule(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteTaxRule")
            .WithSummary("Delete a tax rule; the rules after it keep their order.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/reorder", (IMediator m, ReorderBody b, CancellationToken ct) => m.Send(new ReorderTaxRules(b.Ids ?? []), ct))
            .WithName("ReorderTaxRules")
            .WithSummary("Put the rules in a new order: the ids of exactly all rules, first one read first.")
            .ProducesValidationProblem();
        group.MapPost("/presets/eu", (IMediator m, PresetBody b, CancellationToken ct) => m.Send(new CreateTaxPresetRules(TaxPreset.Eu, b.HomeCompanyId ?? Guid.Empty), ct))
            .WithName("CreateEuTaxPresetRules")
            .WithSummary("Append the EU VAT rules (dated standard rates) for a home company; identical rules are skipped.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/presets/canada", (IMediator m, PresetBody b, CancellationToken ct) => m.Send(new CreateTaxPresetRules(TaxPreset.Canada, b.HomeCompanyId ?? Guid.Empty), ct))
            .WithName("CreateCanadaTaxPresetRules")
            .WithSummary("Append Canada's GST/HST/PST rules by province for a home company; identical rules are skipped.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/match", (IMediator m, [AsParameters] MatchQuery q, CancellationToken ct) => m.Send(new MatchTaxRule(q.ClientId, q.Country, q.Region, q.ClientType), ct))
            .WithName("MatchTaxRule")
            .WithSummary("Which rule applies: ?clientId= or ?country=PL&region=&clientType=Private|CompanyWithoutTaxId|CompanyWithTaxId; the rule, its taxes and the billing home company.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    // A counter is named by its document type. Without one (or for a counter the company lacks) nothing can be kept: the validator asks.
    private const DocumentType NoDocumentType = (DocumentType)(-1);
    private const NumberResetPolicy NoResetPolicy = (NumberResetPolicy)(-1);

    /// <summary>A counter as sent, what it leaves out taken from the company's counter of that document type.</summary>
    private static NumberSeriesInput Series(NumberSeriesBody n, IReadOnlyList<NumberSeriesDto> saved)
    {
        var s = saved.FirstOrDefault(x => x.DocumentType == n.DocumentType);
        // A counter left out is one not touched: billing may move it after the read above, and the live one is kept.
        return new NumberSeriesInput(n.DocumentType ?? NoDocumentType, n.Format ?? s?.Format ?? "", n.NextNumber ?? s?.NextNumber ?? 0, n.ResetPolicy ?? s?.ResetPolicy ?? NoResetPolicy,
            n.NextNumber is null ? s?.NextNumber : null);
    }

    /// <summary>A rate left out keeps its value, unless the body empties the tax's name: a tax without a name has no rate.</summary>
    private static decimal? Rate(string? sentName, decimal? sentRate, decimal? savedRate) =>
        sentRate ?? (sentName is not null && string.IsNullOrWhiteSpace(sentName) ? null : savedRate);

    /// <summary>An unknown slot goes to the request as null: its validator answers 400 once the permission was checked.</summary>

    private static CreateTaxRule ToCreate(TaxRuleBody b) =>
        new(b.CountryCode ?? "", b.Region, b.AppliesToPrivate ?? false, b.AppliesToCompanyWithoutTaxId ?? false, b.AppliesToCompanyWithTaxId ?? false, b.IndividualTaxRate ?? false,
            b.Tax1Name, b.Tax1Rate, b.Tax2Name, b.Tax2Rate, b.Tax3Name, b.Tax3Rate, b.HomeCompanyId ?? Guid.Empty);
}
