using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record CreatePaymentGateway(Guid HomeCompanyId, string Key, string ModuleKey) : ICommand<PaymentGatewayDto>, IPaymentGatewayFields;

public sealed class CreatePaymentGatewayValidator(IModuleCatalog modules) : PaymentGatewayFieldsValidator<CreatePaymentGateway>(modules);

public sealed class CreatePaymentGatewayHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<CreatePaymentGateway, PaymentGatewayDto>
{
    public async Task<PaymentGatewayDto> Handle(CreatePaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await PaymentGatewayRules.EnsureCompanyAsync(db, request.HomeCompanyId, cancellationToken);
        var gateway = new PaymentGateway { HomeCompanyId = request.HomeCompanyId };
        db.PaymentGateways.Add(gateway);
        return await PaymentGatewayRules.SaveAsync(modules, db, gateway, request, cancellationToken);
    }
}
