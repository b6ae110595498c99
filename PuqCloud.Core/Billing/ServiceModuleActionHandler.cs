using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
/// task shows it and the queue retries (never two tries at once; a try past its timeout is cancelled first). Whatever
/// ends a try (the module's refusal, an exception, a timeout, a product secret that cannot be decrypted) is a failure
/// on the service, so that staff see why and can retry; the answer is written even when the try was cancelled, since
/// what the module made must not be forgotten. For the same reason a successful create whose first charge cannot be saved
/// with it (the ledger refused or the database failed) is saved without it: billing then charges it on its next run, and
/// the next try never runs the create again with the module's ids lost.
/// </summary>
public sealed class ServiceModuleActionHandler(DatabaseOptions database, IModuleCatalog catalog, ModuleContextFactory contexts, ISecretProtector secrets,
    IServiceProvider services, BillingClock clock, ILiveEvents live, ILogger<ServiceModuleActionHandler> logger) : ITaskHandler
{
    public string Name => ServiceSteps.TaskName;

    public async Task<string?> HandleAsync(TaskExecution task, CancellationToken cancellationToken)
    {
        var input = ServiceSteps.ReadInput(task.InputJson);
        await using (var db = database.CreatePlainContext())
            if (!await db.Services.AnyAsync(s => s.Id == input.ServiceId, cancellationToken))
                return JsonSerializer.Serialize(new { skipped = "The service no longer exists." });

        ProvisioningResult result;
        try
        {
            result = await RunModuleAsync(input, task.Try, cancellationToken);
        }
        catch (Exception e)
        {
            result = new ProvisioningResult(false, cancellationToken.IsCancellationRequested
                ? $"{input.Action} did not end within the try's time and was cancelled."
                : string.IsNullOrWhiteSpace(e.Message) ? e.GetType().Name : e.Message);
        }

        // A try cancelled because it lost its lease has been taken over: its failure is not the service's news any more.
        if (!result.Succeeded && cancellationToken.IsCancellationRequested && !await StillHeldAsync(task))
            throw new OperationCanceledException("The try lost its lease and was taken over.", cancellationToken);
        // Not cancelled with the try: a create that succeeded in its last second must still have its answer kept.
        await ApplyAsync(input, result, CancellationToken.None);
        if (!result.Succeeded) throw new InvalidOperationException(result.Message ?? $"{input.Action} failed.");
        return JsonSerializer.Serialize(new { action = input.Action, message = result.Message });
    }

    private async Task<ProvisioningResult> RunModuleAsync(ServiceSteps.ModuleActionInput input, int attempt, CancellationToken cancellationToken)
    {
        ProvisioningRequest request;
        string? moduleKey;
        await using (var db = database.CreatePlainContext())
        {
            var service = await db.Services.AsNoTracking().FirstAsync(s => s.Id == input.ServiceId, cancellationToken);
            moduleKey = await db.Products.Where(p => p.Id == service.ProductId).Select(p => p.ModuleKey).FirstOrDefaultAsync(cancellationToken);
            var settings = await db.ProductModuleSettings.AsNoTracking().Where(s => s.ProductId == service.ProductId).ToListAsync(cancellationToken);
            request = new ProvisioningRequest(service.Id, settings.ToDictionary(s => s.Key, s => s.Value is null ? "" : s.IsSecret ? Decrypt(s.Key, s.Value) : s.Value),
                string.IsNullOrEmpty(service.ProvisionData) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(service.ProvisionData) ?? [],
                attempt);
        }

        var module = (await catalog.ActiveAsync(cancellationToken)).FirstOrDefault(m => m.Key == moduleKey && m.Instance is IProductModule);
        if (module?.Instance is not IProductModule product) return new ProvisioningResult(false, $"The product's module \"{moduleKey}\" is not active.");
        var context = contexts.Create(module, services);
        return input.Action switch
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

    /// <summary>Whether this try still holds its task (a try whose lease was swept does not).</summary>
    private async Task<bool> StillHeldAsync(TaskExecution task)
    {
        await using var db = database.CreatePlainContext();
        return await db.QueuedTasks.AnyAsync(t => t.Id == task.TaskId && t.Tries == task.Try && t.Status == Domain.Engine.QueuedTaskStatus.Processing);
    }

    /// <summary>A product secret for the module; one the keys can no longer read (the key ring was lost) is a clear failure.</summary>
    private string Decrypt(string key, string value)
    {
        try
        {
            return secrets.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"The product's secret setting \"{key}\" cannot be decrypted (were the data protection keys lost?): enter it again on the product's Module tab.");
        }
    }

    private async Task ApplyAsync(ServiceSteps.ModuleActionInput input, ProvisioningResult result, CancellationToken cancellationToken)
    {
        var chargeNow = true;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var db = database.CreatePlainContext();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var service = await db.Services.FirstAsync(s => s.Id == input.ServiceId, cancellationToken);
                var plan = await BillingData.PlanAsync(db, service.Id, cancellationToken);
                await ServiceSteps.ApplyModuleResultAsync(db, service, plan, input.Action, result, clock.UtcNow, cancellationToken, chargeNow);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                await live.PublishAsync(new LiveEvent(ServiceTopics.Services, service.ClientId.ToString(), clock.UtcNow), cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // Billing or staff moved the service meanwhile: apply the answer to it as it is now.
            }
            catch (Exception failure) when (chargeNow && result.Succeeded && input.Action == ModuleActions.Create)
            {
                logger.LogWarning(failure, "The create of service {ServiceId} could not be saved with what it starts (its first charge): it is saved without, and billing charges what is due on its next run",
                    input.ServiceId);
                chargeNow = false;
            }
        }
    }
}
