using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record GetPaymentGateway(Guid HomeCompanyId, Guid GatewayId) : IQuery<PaymentGatewayDto>;

public sealed class GetPaymentGatewayHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<GetPaymentGateway, PaymentGatewayDto>
{
    public async Task<PaymentGatewayDto> Handle(GetPaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gateway = await PaymentGatewayRules.FindAsync(db, request.HomeCompanyId, request.GatewayId, cancellationToken);
        return PaymentGatewayRules.ToDto(modules, gateway, await modules.ActiveAsync(cancellationToken));
    }
}
