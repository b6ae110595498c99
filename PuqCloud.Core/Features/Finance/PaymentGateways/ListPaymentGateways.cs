using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

[RequiresPermission(Permissions.HomeCompaniesView)]
public sealed record ListPaymentGateways(Guid HomeCompanyId) : IQuery<IReadOnlyList<PaymentGatewayDto>>;

public sealed class ListPaymentGatewaysHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules) : IRequestHandler<ListPaymentGateways, IReadOnlyList<PaymentGatewayDto>>
{
    public async Task<IReadOnlyList<PaymentGatewayDto>> Handle(ListPaymentGateways request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await PaymentGatewayRules.EnsureCompanyAsync(db, request.HomeCompanyId, cancellationToken);
        var gateways = await PaymentGatewayRules.ListAsync(db, request.HomeCompanyId, cancellationToken);
        var active = await modules.ActiveAsync(cancellationToken);
        return gateways.Select(g => PaymentGatewayRules.ToDto(modules, g, active)).ToList();
    }
}
