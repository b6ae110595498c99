using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Adds a rule at the end of the list.</summary>
[RequiresPermission(Permissions.TaxRulesCreate)]
public sealed record CreateTaxRule(string CountryCode, string? Region, bool AppliesToPrivate, bool AppliesToCompanyWithoutTaxId, bool AppliesToCompanyWithTaxId,
    bool IndividualTaxRate, string? Tax1Name, decimal? Tax1Rate, string? Tax2Name, decimal? Tax2Rate, string? Tax3Name, decimal? Tax3Rate, Guid HomeCompanyId)
    : ICommand<TaxRuleDto>, ITaxRuleFields;

public sealed class CreateTaxRuleValidator(IDbContextFactory<AppDbContext> contexts) : TaxRuleFieldsValidator<CreateTaxRule>(contexts);

public sealed class CreateTaxRuleHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateTaxRule, TaxRuleDto>
{
    private static async Task<int> NextPositionAsync(AppDbContext db, CancellationToken cancellationToken) =>
        (await db.TaxRules.MaxAsync(r => (int?)r.Position, cancellationToken) ?? 0) + 1;

    public async Task<TaxRuleDto> Handle(CreateTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = new TaxRule { Position = await NextPositionAsync(db, cancellationToken) };
        TaxRuleSteps.Apply(rule, request);
        db.TaxRules.Add(rule);
        await TaxRuleSteps.SaveAsync(db, cancellationToken);
        return await TaxRuleSteps.GetAsync(db, rule.Id, cancellationToken);
    }
}
