using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Steps that several PaymentGateway use cases share.</summary>
internal static class PaymentGatewayRules
{
    internal static async Task<PaymentGatewayDto> SaveAsync(IModuleCatalog modules, AppDbContext db, PaymentGateway gateway, IPaymentGatewayFields input, CancellationToken cancellationToken)
    {
        if (await db.PaymentGateways.AnyAsync(g => g.HomeCompanyId == input.HomeCompanyId && g.Key == input.Key && g.Id != gateway.Id, cancellationToken))
            throw RequestValidationException.For(nameof(input.Key), $"This home company already has a gateway with the key {input.Key}.");
        gateway.Key = input.Key;
        gateway.ModuleKey = input.ModuleKey;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw RequestValidationException.For(nameof(input.Key), $"This home company already has a gateway with the key {input.Key}.");
        }
        return ToDto(modules, gateway, await modules.ActiveAsync(cancellationToken));
    }

    internal static async Task EnsureCompanyAsync(AppDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (!await db.HomeCompanies.AnyAsync(c => c.Id == id, cancellationToken)) throw new NotFoundException("There is no such home company.");
    }

    internal static async Task<PaymentGateway> FindAsync(AppDbContext db, Guid companyId, Guid id, CancellationToken cancellationToken) =>
        await db.PaymentGateways.FirstOrDefaultAsync(g => g.Id == id && g.HomeCompanyId == companyId, cancellationToken)
        ?? throw new NotFoundException("There is no such payment gateway.");

    internal static PaymentGatewayDto ToDto(IModuleCatalog modules, PaymentGateway g, IReadOnlyList<ModuleDescriptor> active) =>
        new(g.Id, g.Key, g.ModuleKey, modules.Find(g.ModuleKey)?.Manifest.Name ?? g.ModuleKey, active.Any(m => m.Key == g.ModuleKey));
}
