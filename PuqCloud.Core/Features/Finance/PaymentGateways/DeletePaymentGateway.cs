using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record DeletePaymentGateway(Guid HomeCompanyId, Guid GatewayId) : ICommand<Unit>;

public sealed class DeletePaymentGatewayHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeletePaymentGateway, Unit>
{
    public async Task<Unit> Handle(DeletePaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gateway = await PaymentGatewayRules.FindAsync(db, request.HomeCompanyId, request.GatewayId, cancellationToken);
        if (await db.Payments.AnyAsync(p => p.PaymentGatewayId == gateway.Id, cancellationToken)
            || await db.HeldPayments.AnyAsync(h => h.PaymentGatewayId == gateway.Id, cancellationToken))
            throw new RuleViolationException($"{gateway.Key} has received payments, which name it: switch it off instead of deleting it.");
        db.PaymentGateways.Remove(gateway);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
