using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.TaxRulesView)]
public sealed record GetTaxRule(Guid Id) : IQuery<TaxRuleDto>;

public sealed class GetTaxRuleHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<GetTaxRule, TaxRuleDto>
{
    public async Task<TaxRuleDto> Handle(GetTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await TaxRuleSteps.GetAsync(db, request.Id, cancellationToken);
    }
}
