using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Puts a company's gateways in the given order (the ids of exactly all its gateways), first one shown first to payers.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record ReorderPaymentGateways(Guid HomeCompanyId, IReadOnlyList<Guid> Ids) : ICommand<IReadOnlyList<PaymentGatewayDto>>;

public sealed class ReorderPaymentGatewaysHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules)
    : IRequestHandler<ReorderPaymentGateways, IReadOnlyList<PaymentGatewayDto>>
{
    public async Task<IReadOnlyList<PaymentGatewayDto>> Handle(ReorderPaymentGateways request, CancellationToken cancellationToken)
    {
        var ids = (request.Ids ?? []).ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await PaymentGatewayRules.EnsureCompanyAsync(db, request.HomeCompanyId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var gateways = await db.PaymentGateways.Where(g => g.HomeCompanyId == request.HomeCompanyId).ToListAsync(cancellationToken);
        if (!Reordering.IsPermutationOf(ids, gateways.Select(g => g.Id).ToList()))
            throw RequestValidationException.For(nameof(request.Ids), "Send the ids of all the company's gateways, each once, in their new order (the list may have changed: reload it).");
        foreach (var gateway in gateways) gateway.Position = ids.IndexOf(gateway.Id) + 1;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var active = await modules.ActiveAsync(cancellationToken);
        return (await PaymentGatewayRules.ListAsync(db, request.HomeCompanyId, cancellationToken)).Select(g => PaymentGatewayRules.ToDto(modules, g, active)).ToList();
    }
}
