using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Live;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Billing;

/// <summary>
/// Runs a Product module's lifecycle action for a service (task "service.module-action", input: the service id and
/// the action). The module gets the product's module settings (secrets decrypted for it alone) and the service's
/// data, never through the task's input. Its answer lands on the service: provisioning status, data, history, and
/// for a successful create the first charge. A failure is written to the service and then thrown, so that the
/// task shows it and the queue retries (never two tries at once; a try past its timeout is cancelled first).
/// </summary>
public sealed class ServiceModuleActionHandler(DatabaseOptions database, IModuleCatalog catalog, ModuleContextFactory contexts, ISecretProtector secrets,
    IServiceProvider services, BillingClock clock, ILiveEvents live) : ITaskHandler
{
    public string Name => ServiceSteps.TaskName;

    public async Task<string?> HandleAsync(TaskExecution task, CancellationToken cancellationToken)
    {
        var input = ServiceSteps.ReadInput(task.InputJson);
        ProvisioningRequest request;
        string? moduleKey;
        await using (var db = database.CreatePlainContext())
        {
            var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == input.ServiceId, cancellationToken);
            if (service is null) return JsonSerializer.Serialize(new { skipped = "The service no longer exists." });
            moduleKey = await db.Products.Where(p => p.Id == service.ProductId).Select(p => p.ModuleKey).FirstOrDefaultAsync(cancellationToken);
            var settings = await db.ProductModuleSettings.AsNoTracking().Where(s => s.ProductId == service.ProductId).ToListAsync(cancellationToken);
            request = new ProvisioningRequest(service.Id,
                settings.ToDictionary(s => s.Key, s => s.Value is null ? "" : s.IsSecret ? secrets.Unprotect(s.Value) : s.Value),
                string.IsNullOrEmpty(service.ProvisionData) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(service.ProvisionData) ?? [],
                task.Try);
        }

        var module = (await catalog.ActiveAsync(cancellationToken)).FirstOrDefault(m => m.Key == moduleKey && m.Instance is IProductModule);
        ProvisioningResult result;
        if (module?.Instance is not IProductModule product)
            result = new ProvisioningResult(false, $"The product's module \"{moduleKey}\" is not active.");
        else
        {
            var context = contexts.Create(module, services);
            try
            {
                result = input.Action switch
                {
                    ModuleActions.Create => await product.CreateAsync(context, request, cancellationToken),
                    ModuleActions.Suspend => await product.SuspendAsync(context, request, cancellationToken),
                    ModuleActions.Unsuspend => await product.UnsuspendAsync(context, request, cancellationToken),
                    ModuleActions.Idle => await product.IdleAsync(context, request, cancellationToken),
                    ModuleActions.Unidle => await product.UnidleAsync(context, request, cancellationToken),
                    ModuleActions.Terminate => await product.TerminateAsync(context, request, cancellationToken),
                    ModuleActions.ChangePackage => await product.ChangePackageAsync(context, request, cancellationToken),
                    _ => new ProvisioningResult(false, $"Unknown action \"{input.Action}\"."),
                };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = new ProvisioningResult(false, e.Message);
            }
        }

        await ApplyAsync(input, result, cancellationToken);
        if (!result.Succeeded) throw new InvalidOperationException(result.Message ?? $"{input.Action} failed.");
        return JsonSerializer.Serialize(new { action = input.Action, message = result.Message });
    }

    private async Task ApplyAsync(ServiceSteps.ModuleActionInput input, ProvisioningResult result, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = database.CreatePlainContext();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var service = await db.Services.FirstAsync(s => s.Id == input.ServiceId, cancellationToken);
                var plan = await BillingData.PlanAsync(db, service.Id, cancellationToken);
                await ServiceSteps.ApplyModuleResultAsync(db, service, plan, input.Action, result, clock.UtcNow, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await live.PublishAsync(new LiveEvent(ServiceTopics.Services, service.ClientId.ToString(), clock.UtcNow), cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Billing or staff moved the service meanwhile: apply the answer to it as it is now.
            }
        }
    }
}
