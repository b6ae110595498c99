using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Puts the rules in the given order: the ids of exactly all rules, first one read first.</summary>
[RequiresPermission(Permissions.TaxRulesEdit)]
public sealed record ReorderTaxRules(IReadOnlyList<Guid> Ids) : ICommand<IReadOnlyList<TaxRuleDto>>;

public sealed class ReorderTaxRulesHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ReorderTaxRules, IReadOnlyList<TaxRuleDto>>
{
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
        return await TaxRuleSteps.ListAsync(db, cancellationToken);
    }
}
