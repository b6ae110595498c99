using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.TaxRulesEdit)]
public sealed record UpdateTaxRule(Guid Id, string CountryCode, string? Region, bool AppliesToPrivate, bool AppliesToCompanyWithoutTaxId, bool AppliesToCompanyWithTaxId,
    bool IndividualTaxRate, string? Tax1Name, decimal? Tax1Rate, string? Tax2Name, decimal? Tax2Rate, string? Tax3Name, decimal? Tax3Rate, Guid HomeCompanyId)
    : ICommand<TaxRuleDto>, ITaxRuleFields;

public sealed class UpdateTaxRuleValidator(IDbContextFactory<AppDbContext> contexts) : TaxRuleFieldsValidator<UpdateTaxRule>(contexts);

public sealed class UpdateTaxRuleHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateTaxRule, TaxRuleDto>
{
    public async Task<TaxRuleDto> Handle(UpdateTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.TaxRules.FirstOrDefaultAsync(r => r.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such tax rule.");
        TaxRuleSteps.Apply(rule, request);
        await TaxRuleSteps.SaveAsync(db, cancellationToken);
        return await TaxRuleSteps.GetAsync(db, rule.Id, cancellationToken);
    }
}
