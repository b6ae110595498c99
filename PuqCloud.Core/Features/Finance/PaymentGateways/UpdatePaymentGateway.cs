using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Changes a gateway: key, module, name, on/off, currencies and its settings form; what is null keeps its value.</summary>
[RequiresPermission(Permissions.HomeCompaniesEdit)]
public sealed record UpdatePaymentGateway(Guid HomeCompanyId, Guid GatewayId, string Key, string ModuleKey, string? Name = null, bool? IsEnabled = null,
    IReadOnlyList<string>? Currencies = null, IReadOnlyDictionary<string, string?>? Settings = null) : ICommand<PaymentGatewayDto>, IPaymentGatewayFields;

public sealed class UpdatePaymentGatewayValidator(IModuleCatalog modules) : PaymentGatewayFieldsValidator<UpdatePaymentGateway>(modules);

public sealed class UpdatePaymentGatewayHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog modules, ISecretProtector secrets)
    : IRequestHandler<UpdatePaymentGateway, PaymentGatewayDto>
{
    public async Task<PaymentGatewayDto> Handle(UpdatePaymentGateway request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gateway = await PaymentGatewayRules.FindAsync(db, request.HomeCompanyId, request.GatewayId, cancellationToken);
        // A new module starts from its own form: without one sent, from the module's defaults.
        var settings = request.Settings ?? (gateway.ModuleKey != request.ModuleKey && modules.Find(request.ModuleKey)?.Instance is PuqCloud.Modules.Abstractions.IPaymentModule m
            ? m.GatewaySettings.ToDictionary(f => f.Key, f => f.DefaultValue, StringComparer.Ordinal) : null);
        return await PaymentGatewayRules.SaveAsync(modules, secrets, db, gateway, request with { Settings = settings }, cancellationToken);
    }
}
