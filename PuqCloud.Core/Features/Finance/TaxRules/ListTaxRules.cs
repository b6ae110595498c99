using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>All rules in the order they are read.</summary>
[RequiresPermission(Permissions.TaxRulesView)]
public sealed record ListTaxRules : IQuery<IReadOnlyList<TaxRuleDto>>;

public sealed class ListTaxRulesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListTaxRules, IReadOnlyList<TaxRuleDto>>
{
    public async Task<IReadOnlyList<TaxRuleDto>> Handle(ListTaxRules request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await TaxRuleSteps.ListAsync(db, cancellationToken);
    }
}
