using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// Attaches a payment module to a home company under a key of its own, last in the order, on unless said otherwise,
/// taking the given currencies (the default currency when none are named) with the module's gateway form filled in.
/// </summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record CreatePaymentGateway(Guid HomeCompanyId, string Key, string ModuleKey, string? Name = null, bool? IsEnabled = null,
    IReadOnlyList<string>? Currencies = null, IReadOnlyDictionary<string, string?>? Settings = null) : ICommand<PaymentGatewayDto>, IPaymentGatewayFields;

public sealed class CreatePaymentGatewayValidator(IModuleCatalog modules) : PaymentGatewayFieldsValidator<CreatePaymentGateway>(modules);

public sealed class CreatePaymentGatewayHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, ISecretProtector secrets)
    : IRequestHandler<CreatePaymentGateway, PaymentGatewayDto>
{
    public async Task<PaymentGatewayDto> Handle(CreatePaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await PaymentGatewayRules.EnsureCompanyAsync(db, request.HomeCompanyId, cancellationToken);
        var last = await db.PaymentGateways.Where(g => g.HomeCompanyId == request.HomeCompanyId).MaxAsync(g => (int?)g.Position, cancellationToken) ?? 0;
        var gateway = new PaymentGateway { HomeCompanyId = request.HomeCompanyId, Position = last + 1 };
        db.PaymentGateways.Add(gateway);
        // A new gateway gets its module's defaults even when no form is sent (a required field without a default is then a field error).
        var defaults = (modules.Find(request.ModuleKey)?.Instance as IPaymentModule)?.GatewaySettings.ToDictionary(f => f.Key, f => f.DefaultValue, StringComparer.Ordinal);
        return await PaymentGatewayRules.SaveAsync(modules, secrets, db, gateway,
            request.Settings is null ? request with { Settings = defaults ?? [] } : request, cancellationToken);
    }
}
