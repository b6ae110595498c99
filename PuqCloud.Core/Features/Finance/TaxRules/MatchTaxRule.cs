using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// What "Which rule applies?" answers: the rule (or none), the taxes the client pays and the home company that bills;
/// for a client, whether its documents get the EU reverse charge (no taxes, whatever the rule says).
/// </summary>
public sealed record TaxMatchDto(string Country, string? Region, ClientTaxType ClientType, string? ClientName, TaxRuleDto? Rule, IReadOnlyList<TaxLine> Taxes,
    decimal TotalRate, Guid? HomeCompanyId, string? HomeCompanyName, bool BilledByDefaultCompany, bool ReverseCharge = false);

/// <summary>
/// Which rule applies to a client or to a country, region and client type. A client gets exactly what its documents get
/// (<see cref="TaxSelector"/>: its billing address, its type, whether VIES confirmed its VAT ID, the reverse charge).
/// </summary>
[RequiresPermission(Permissions.TaxRulesView)]
public sealed record MatchTaxRule(Guid? ClientId, string? Country, string? Region, ClientTaxType? ClientType) : IQuery<TaxMatchDto>;

public sealed class MatchTaxRuleValidator : AbstractValidator<MatchTaxRule>
{
    public MatchTaxRuleValidator()
    {
        When(x => x.ClientId is null, () =>
        {
            RuleFor(x => x.Country).NotEmpty().WithMessage("Choose a country (or a client).")
                .Length(2).WithMessage("Use the two-letter ISO country code, for example PL.");
            RuleFor(x => x.ClientType).NotNull().WithMessage("Choose the client type.").IsInEnum();
            RuleFor(x => x.Region).MaximumLength(100);
        });
    }
}

public sealed class MatchTaxRuleHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<MatchTaxRule, TaxMatchDto>
{
    public async Task<TaxMatchDto> Handle(MatchTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rules = await db.TaxRules.AsNoTracking().OrderBy(r => r.Position).ToListAsync(cancellationToken);
        if (request.ClientId is { } clientId)
        {
            // A client is taxed where it is billed: its billing address (every client has exactly one).
            var client = await db.Clients.AsNoTracking()
                             .Where(c => c.Id == clientId)
                             .Select(c => new { c.FirstName, c.LastName, c.CompanyName, c.TaxId, c.VatValidNumber, Billing = c.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing) })
                             .FirstOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("There is no such client.");
            var companies = await db.HomeCompanies.AsNoTracking().Select(c => new TaxCompany(c.Id, c.CountryCode, c.IsDefault, c.EuTaxNote)).ToListAsync(cancellationToken);
            var (country, region) = (client.Billing?.CountryCode ?? "", client.Billing?.Region ?? "");
            var selection = TaxSelector.Select(new TaxClient(country, region, client.CompanyName, client.TaxId, client.VatValidNumber), rules, companies);
            var clientName = Client.NameOf(client.FirstName, client.LastName, client.CompanyName);
            return await AnswerAsync(db, country, region, selection?.ClientType ?? TaxRuleMatcher.TypeOf(client.CompanyName, client.TaxId), clientName,
                selection?.Rule, selection?.Taxes ?? [], selection?.HomeCompanyId, selection?.ReverseCharge ?? false, cancellationToken);
        }
        var (byCountry, byRegion, type) = (request.Country!.Trim().ToUpperInvariant(), request.Region?.Trim() ?? "", request.ClientType!.Value);
        var match = TaxRuleMatcher.Match(rules, byCountry, byRegion, type);
        var companyId = match.Rule?.HomeCompanyId ?? await db.HomeCompanies.Where(c => c.IsDefault).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        return await AnswerAsync(db, byCountry, byRegion, type, null, match.Rule, match.Taxes, companyId, false, cancellationToken);
    }

    private static async Task<TaxMatchDto> AnswerAsync(AppDbContext db, string country, string region, ClientTaxType type, string? clientName, TaxRule? rule,
        IReadOnlyList<TaxLine> taxes, Guid? companyId, bool reverseCharge, CancellationToken cancellationToken)
    {
        var companyName = companyId is null ? null : await db.HomeCompanies.Where(c => c.Id == companyId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var ruleDto = rule is null ? null : (await TaxRuleSteps.ListAsync(db, cancellationToken)).First(r => r.Id == rule.Id);
        return new TaxMatchDto(country, string.IsNullOrEmpty(region) ? null : region, type, clientName, ruleDto, taxes, taxes.Sum(t => t.Rate),
            companyId, companyName, rule is null, reverseCharge);
    }
}
