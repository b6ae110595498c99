using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.TaxRulesDelete)]
public sealed record DeleteTaxRule(Guid Id) : ICommand<Unit>;

public sealed class DeleteTaxRuleHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeleteTaxRule, Unit>
{
    public async Task<Unit> Handle(DeleteTaxRule request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rule = await db.TaxRules.FirstOrDefaultAsync(r => r.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such tax rule.");
        db.TaxRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
