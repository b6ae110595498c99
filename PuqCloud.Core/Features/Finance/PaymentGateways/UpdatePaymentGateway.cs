using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdatePaymentGateway(Guid HomeCompanyId, Guid GatewayId, string Key, string ModuleKey) : ICommand<PaymentGatewayDto>, IPaymentGatewayFields;

public sealed class UpdatePaymentGatewayValidator(IModuleCatalog modules) : PaymentGatewayFieldsValidator<UpdatePaymentGateway>(modules);

public sealed class UpdatePaymentGatewayHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<UpdatePaymentGateway, PaymentGatewayDto>
{
    public async Task<PaymentGatewayDto> Handle(UpdatePaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gateway = await PaymentGatewayRules.FindAsync(db, request.HomeCompanyId, request.GatewayId, cancellationToken);
        return await PaymentGatewayRules.SaveAsync(modules, db, gateway, request, cancellationToken);
    }
}
