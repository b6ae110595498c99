using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A rule as the list shows it: Position is its place in the order (from 1); ShadowedBy the place of a broader rule above that leaves it no client.</summary>
public sealed record TaxRuleDto(Guid Id, int Position, string CountryCode, string CountryName, string? Region, string? RegionName,
    bool AppliesToPrivate, bool AppliesToCompanyWithoutTaxId, bool AppliesToCompanyWithTaxId, bool IndividualTaxRate,
    string? Tax1Name, decimal? Tax1Rate, string? Tax2Name, decimal? Tax2Rate, string? Tax3Name, decimal? Tax3Rate,
    Guid HomeCompanyId, string HomeCompanyName, int? ShadowedBy)
{
    public IReadOnlyList<TaxLine> Taxes =>
        new[] { (Tax1Name, Tax1Rate), (Tax2Name, Tax2Rate), (Tax3Name, Tax3Rate) }.Where(t => t.Item1 is not null).Select(t => new TaxLine(t.Item1!, t.Item2 ?? 0m)).ToList();
}

/// <summary>What "Which rule applies?" answers: the rule (or none), the taxes the client pays and the home company that bills.</summary>
public sealed record TaxMatchDto(string Country, string? Region, ClientTaxType ClientType, string? ClientName, TaxRuleDto? Rule, IReadOnlyList<TaxLine> Taxes,
    decimal TotalRate, Guid? HomeCompanyId, string? HomeCompanyName, bool BilledByDefaultCompany);

public sealed record TaxPresetResult(int Created, int Skipped, string AsOf, string Source);

/// <summary>The fields of a tax rule form (create and update share them and their rules).</summary>
public interface ITaxRuleFields
{
    string CountryCode { get; }
    string? Region { get; }
    bool AppliesToPrivate { get; }
    bool AppliesToCompanyWithoutTaxId { get; }
    bool AppliesToCompanyWithTaxId { get; }
    bool IndividualTaxRate { get; }
    string? Tax1Name { get; }
    decimal? Tax1Rate { get; }
    string? Tax2Name { get; }
    decimal? Tax2Rate { get; }
    string? Tax3Name { get; }
    decimal? Tax3Rate { get; }
    Guid HomeCompanyId { get; }
}

/// <summary>All rules in the order they are read.</summary>
[RequiresPermission(Permissions.TaxRulesView)]
public sealed record ListTaxRules : IQuery<IReadOnlyList<TaxRuleDto>>;

[RequiresPermission(Permissions.TaxRulesView)]
public sealed record GetTaxRule(Guid Id) : IQuery<TaxRuleDto>;

/// <summary>Adds a rule at the end of the list.</summary>
[RequiresPermission(Permissions.TaxRulesCreate)]
public sealed record CreateTaxRule(string CountryCode, string? Region, bool AppliesToPrivate, bool AppliesToCompanyWithoutTaxId, bool AppliesToCompanyWithTaxId,
    bool IndividualTaxRate, string? Tax1Name, decimal? Tax1Rate, string? Tax2Name, decimal? Tax2Rate, string? Tax3Name, decimal? Tax3Rate, Guid HomeCompanyId)
    : ICommand<TaxRuleDto>, ITaxRuleFields;

[RequiresPermission(Permissions.TaxRulesEdit)]
public sealed record UpdateTaxRule(Guid Id, string CountryCode, string? Region, bool AppliesToPrivate, bool AppliesToCompanyWithoutTaxId, bool AppliesToCompanyWithTaxId,
    bool IndividualTaxRate, string? Tax1Name, decimal? Tax1Rate, string? Tax2Name, decimal? Tax2Rate, string? Tax3Name, decimal? Tax3Rate, Guid HomeCompanyId)
    : ICommand<TaxRuleDto>, ITaxRuleFields;

[RequiresPermission(Permissions.TaxRulesDelete)]
public sealed record DeleteTaxRule(Guid Id) : ICommand<Unit>;

/// <summary>Puts the rules in the given order: the ids of exactly all rules, first one read first.</summary>
[RequiresPermission(Permissions.TaxRulesEdit)]
public sealed record ReorderTaxRules(IReadOnlyList<Guid> Ids) : ICommand<IReadOnlyList<TaxRuleDto>>;

/// <summary>Appends the rules of a preset for a home company, skipping those an identical rule already covers.</summary>
[RequiresPermission(Permissions.TaxRulesCreate)]
public sealed record CreateTaxPresetRules(TaxPreset Preset, Guid HomeCompanyId) : ICommand<TaxPresetResult>;

/// <summary>Which rule applies to a client (its billing address and type) or to a country, region and client type.</summary>
[RequiresPermission(Permissions.TaxRulesView)]
public sealed record MatchTaxRule(Guid? ClientId, string? Country, string? Region, ClientTaxType? ClientType) : IQuery<TaxMatchDto>;

public abstract class TaxRuleFieldsValidator<T> : AbstractValidator<T> where T : ITaxRuleFields
{
    protected TaxRuleFieldsValidator(IDbContextFactory<AppDbContext> contexts)
    {
        RuleFor(x => x.CountryCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Choose a country.").KnownCountry(contexts);
        RuleFor(x => x.Region).MaximumLength(100).RegionOf(x => x.CountryCode, contexts);
        RuleFor(x => x.AppliesToPrivate).Must((rule, _) => rule.AppliesToPrivate || rule.AppliesToCompanyWithoutTaxId || rule.AppliesToCompanyWithTaxId)
            .WithMessage("Turn on at least one client type.");
        Tax(x => x.Tax1Name, x => x.Tax1Rate);
        Tax(x => x.Tax2Name, x => x.Tax2Rate);
        Tax(x => x.Tax3Name, x => x.Tax3Rate);
        RuleFor(x => x.HomeCompanyId).NotEmpty().WithMessage("Choose a home company.")
            .MustAsync(async (id, ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                return await db.HomeCompanies.AnyAsync(c => c.Id == id, ct);
            }).When(x => x.HomeCompanyId != Guid.Empty).WithMessage("Choose a home company from the list.");
    }

    private void Tax(System.Linq.Expressions.Expression<Func<T, string?>> name, System.Linq.Expressions.Expression<Func<T, decimal?>> rate)
    {
        var nameOf = name.Compile();
        var rateOf = rate.Compile();
        RuleFor(name).MaximumLength(50)
            .Must((rule, n) => !string.IsNullOrWhiteSpace(n) || rateOf(rule) is null).WithMessage("Name the tax of this rate, for example VAT.");
        RuleFor(rate)
            .NotNull().When(rule => !string.IsNullOrWhiteSpace(nameOf(rule))).WithMessage("Enter the rate of this tax.")
            .InclusiveBetween(0m, 100m).WithMessage("A rate is a percentage from 0 to 100.")
            .Must(r => r is null || decimal.Round(r.Value, 3) == r.Value).WithMessage("Use at most 3 decimal places.");
    }
}

public sealed class CreateTaxRuleValidator(IDbContextFactory<AppDbContext> contexts) : TaxRuleFieldsValidator<CreateTaxRule>(contexts);

public sealed class UpdateTaxRuleValidator(IDbContextFactory<AppDbContext> contexts) : TaxRuleFieldsValidator<UpdateTaxRule>(contexts);

public sealed class CreateTaxPresetRulesValidator : AbstractValidator<CreateTaxPresetRules>
{
    public CreateTaxPresetRulesValidator()
    {
        RuleFor(x => x.Preset).IsInEnum();
        RuleFor(x => x.HomeCompanyId).NotEmpty().WithMessage("Choose a home company.");
    }
}

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

public sealed class TaxRuleHandlers(IDbContextFactory<AppDbContext> contexts) :
    IRequestHandler<ListTaxRules, IReadOnlyList<TaxRuleDto>>,
    IRequestHandler<GetTaxRule, TaxRuleDto>,
    IRequestHandler<CreateTaxRule, TaxRuleDto>,
    IRequestHandler<UpdateTaxRule, TaxRuleDto>,
    IRequestHandler<DeleteTaxRule, Unit>,
    IRequestHandler<ReorderTaxRules, IReadOnlyList<TaxRuleDto>>,
    IRequestHandler<CreateTaxPresetRules, TaxPresetResult>,
    IRequestHandler<MatchTaxRule, TaxMatchDto>
{
    public async Task<IReadOnlyList<TaxRuleDto>> Handle(ListTaxRules request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ListAsync(db, cancellationToken);
    }

    public async Task<TaxRuleDto> Handle(GetTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ListAsync(db, cancellationToken)).FirstOrDefault(r => r.Id == request.Id) ?? throw new NotFoundException("There is no such tax rule.");
    }

    public async Task<TaxRuleDto> Handle(CreateTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = new TaxRule { Position = await NextPositionAsync(db, cancellationToken) };
        Apply(rule, request);
        db.TaxRules.Add(rule);
        await SaveAsync(db, cancellationToken);
        return await Handle(new GetTaxRule(rule.Id), cancellationToken);
    }

    public async Task<TaxRuleDto> Handle(UpdateTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.TaxRules.FirstOrDefaultAsync(r => r.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such tax rule.");
        Apply(rule, request);
        await SaveAsync(db, cancellationToken);
        return await Handle(new GetTaxRule(rule.Id), cancellationToken);
    }

    public async Task<Unit> Handle(DeleteTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.TaxRules.FirstOrDefaultAsync(r => r.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such tax rule.");
        db.TaxRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<IReadOnlyList<TaxRuleDto>> Handle(ReorderTaxRules request, CancellationToken cancellationToken)
    {
        var ids = (request.Ids ?? []).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.TaxRules.Select(r => r.Id).ToListAsync(cancellationToken);
        if (!Reordering.IsPermutationOf(ids, existing))
            throw RequestValidationException.For(nameof(request.Ids), "Send the ids of all tax rules, each once, in their new order (the list may have changed: reload it).");
        // Out of the way first (negative places nobody holds), so the unique index never sees two rules on one place;
        // then one update per rule (tracked changes would look like a cycle to EF).
        await db.TaxRules.ExecuteUpdateAsync(s => s.SetProperty(r => r.Position, r => -r.Position - 1), cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            var (id, position) = (ids[i], i + 1);
            await db.TaxRules.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Position, position), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return await ListAsync(db, cancellationToken);
    }

    public async Task<TaxPresetResult> Handle(CreateTaxPresetRules request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var company = await db.HomeCompanies.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.HomeCompanyId, cancellationToken)
                      ?? throw RequestValidationException.For(nameof(request.HomeCompanyId), "Choose a home company from the list.");
        var existing = await db.TaxRules.AsNoTracking().ToListAsync(cancellationToken);
        var position = existing.Count == 0 ? 1 : existing.Max(r => r.Position) + 1;
        var (created, skipped) = (0, 0);
        foreach (var rule in TaxPresets.Rules(request.Preset, company.CountryCode))
        {
            rule.HomeCompanyId = company.Id;
            if (existing.Any(e => TaxPresets.SameRule(e, rule)))
            {
                skipped++;
                continue;
            }
            rule.Position = position++;
            db.TaxRules.Add(rule);
            created++;
        }
        await SaveAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var (asOf, source) = TaxPresets.About(request.Preset);
        return new TaxPresetResult(created, skipped, asOf, source);
    }

    public async Task<TaxMatchDto> Handle(MatchTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        string country, region;
        ClientTaxType type;
        string? clientName = null;
        if (request.ClientId is { } clientId)
        {
            // A client is taxed where it is billed: its billing address (every client has exactly one).
            var client = await db.Clients.AsNoTracking()
                             .Where(c => c.Id == clientId)
                             .Select(c => new { c.FirstName, c.LastName, c.CompanyName, c.TaxId, Billing = c.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing) })
                             .FirstOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("There is no such client.");
            (country, region) = (client.Billing?.CountryCode ?? "", client.Billing?.Region ?? "");
            type = TaxRuleMatcher.TypeOf(client.CompanyName, client.TaxId);
            clientName = string.IsNullOrWhiteSpace(client.CompanyName) ? $"{client.FirstName} {client.LastName}".Trim() : client.CompanyName;
        }
        else
        {
            (country, region, type) = (request.Country!.Trim().ToUpperInvariant(), request.Region?.Trim() ?? "", request.ClientType!.Value);
        }
        var rules = await db.TaxRules.AsNoTracking().OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var match = TaxRuleMatcher.Match(rules, country, region, type);
        var companyId = match.Rule?.HomeCompanyId ?? await db.HomeCompanies.Where(c => c.IsDefault).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var companyName = companyId is null ? null : await db.HomeCompanies.Where(c => c.Id == companyId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var ruleDto = match.Rule is null ? null : (await ListAsync(db, cancellationToken)).First(r => r.Id == match.Rule.Id);
        return new TaxMatchDto(country, string.IsNullOrEmpty(region) ? null : region, type, clientName, ruleDto, match.Taxes, match.Taxes.Sum(t => t.Rate),
            companyId, companyName, match.Rule is null);
    }

    private static void Apply(TaxRule rule, ITaxRuleFields input)
    {
        rule.CountryCode = input.CountryCode.Trim().ToUpperInvariant();
        rule.Region = string.IsNullOrWhiteSpace(input.Region) ? null : input.Region.Trim();
        rule.AppliesToPrivate = input.AppliesToPrivate;
        rule.AppliesToCompanyWithoutTaxId = input.AppliesToCompanyWithoutTaxId;
        rule.AppliesToCompanyWithTaxId = input.AppliesToCompanyWithTaxId;
        rule.IndividualTaxRate = input.IndividualTaxRate;
        (rule.Tax1Name, rule.Tax1Rate) = Tax(input.Tax1Name, input.Tax1Rate);
        (rule.Tax2Name, rule.Tax2Rate) = Tax(input.Tax2Name, input.Tax2Rate);
        (rule.Tax3Name, rule.Tax3Rate) = Tax(input.Tax3Name, input.Tax3Rate);
        rule.HomeCompanyId = input.HomeCompanyId;
    }

    private static (string?, decimal?) Tax(string? name, decimal? rate) => string.IsNullOrWhiteSpace(name) ? (null, null) : (name.Trim(), rate);

    private static async Task<int> NextPositionAsync(AppDbContext db, CancellationToken cancellationToken) =>
        (await db.TaxRules.MaxAsync(r => (int?)r.Position, cancellationToken) ?? 0) + 1;

    private static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Another change to the tax rules happened at the same time. Reload and try again.");
        }
    }

    private static async Task<IReadOnlyList<TaxRuleDto>> ListAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var rules = await db.TaxRules.AsNoTracking().OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var countryCodes = rules.Select(r => r.CountryCode).Distinct().ToList();
        var countries = await db.Countries.AsNoTracking().Where(c => countryCodes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, c => c.Name, cancellationToken);
        var regions = await db.Regions.AsNoTracking().Where(r => countryCodes.Contains(r.CountryCode)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        var companies = await db.HomeCompanies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var shadows = TaxRuleMatcher.ShadowingRules(rules);
        // Positions keep gaps after deletions; the list numbers the rules as they are read, 1 to n.
        return rules.Select((r, i) => new TaxRuleDto(r.Id, i + 1, r.CountryCode, countries.GetValueOrDefault(r.CountryCode, r.CountryCode),
            r.Region, r.Region is null ? null : regions.GetValueOrDefault(r.Region, r.Region),
            r.AppliesToPrivate, r.AppliesToCompanyWithoutTaxId, r.AppliesToCompanyWithTaxId, r.IndividualTaxRate,
            r.Tax1Name, r.Tax1Rate, r.Tax2Name, r.Tax2Rate, r.Tax3Name, r.Tax3Rate,
            r.HomeCompanyId, companies.GetValueOrDefault(r.HomeCompanyId, ""), shadows[i] is { } above ? rules.IndexOf(above) + 1 : null)).ToList();
    }
}
