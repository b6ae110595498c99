using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Features.Catalog;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Modules;

/// <summary>
/// Switches a module off: its handlers, schedules, permissions and menu entries disappear; settings and data stay. Refused
/// while something depends on it working: a product module under products on sale or services it may hold something of
/// (their suspend, terminate and create would fail), a payment module under gateways that are switched on (payers would
/// be sent to it and its webhooks refused).
/// </summary>
[RequiresPermission(Permissions.ModulesManage)]
public sealed record DeactivateModule(string Key) : ICommand<ModuleDto>;

public sealed class DeactivateModuleHandler(IDbContextFactory<AppDbContext> contexts, IModuleCatalog catalog, TimeProvider clock) : IRequestHandler<DeactivateModule, ModuleDto>
{
    public async Task<ModuleDto> Handle(DeactivateModule request, CancellationToken cancellationToken)
    {
        var module = ModuleRules.Require(catalog, request.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Modules.FirstOrDefaultAsync(m => m.Key == module.Key, cancellationToken);
        if (record is not { Status: ModuleStatus.Active }) throw new RuleViolationException($"{module.Manifest.Name} is not active.");
        await RefuseWhileInUseAsync(db, module, cancellationToken);
        record.Status = ModuleStatus.Inactive;
        record.UpdatedAt = ModuleRules.Now(clock);
        await db.SaveChangesAsync(cancellationToken);
        catalog.Invalidate();
        return ModuleRules.ToDto(module, record);
    }

    private static async Task RefuseWhileInUseAsync(AppDbContext db, ModuleDescriptor module, CancellationToken cancellationToken)
    {
        var name = module.Manifest.Name;
        if (module.Instance is IProductModule)
        {
            var products = db.Products.Where(p => p.ModuleKey == module.Key);
            var onSale = await products.CountAsync(p => p.IsActive, cancellationToken);
            var services = await db.Services.Where(s => products.Any(p => p.Id == s.ProductId)).CountAsync(ProductModuleRules.MayHoldSomethingAtModule, cancellationToken);
            if (onSale > 0 || services > 0)
                throw new RuleViolationException($"{name} is in use: {Count(onSale, "product")} on sale and {Count(services, "service")} it provisions. " +
                    $"Only {name} can create, suspend or remove them: take its products off sale and end their services first (terminate, or cancel what is pending, and let {name} remove what it made).");
        }
        if (module.Instance is IPaymentModule)
        {
            var gateways = await db.PaymentGateways.Where(g => g.ModuleKey == module.Key && g.IsEnabled).Select(g => g.Key).ToListAsync(cancellationToken);
            if (gateways.Count > 0)
                throw new RuleViolationException($"{name} is in use by the payment gateways {string.Join(", ", gateways)}, which are switched on: switch them off (or delete them) first. " +
                    "Once it is deactivated, late payments and refunds its gateways report are refused, as its code no longer checks them.");
        }
    }

    private static string Count(int count, string what) => count == 1 ? $"1 {what}" : $"{count} {what}s";
}
