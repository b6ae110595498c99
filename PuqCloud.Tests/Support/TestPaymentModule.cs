using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Tests.Support;

/// <summary>
/// A Payment module that exists only in tests: a "card gateway" whose webhook posts JSON signed with HMAC-SHA256 of the
/// body under the gateway's secret (header x-test-signature, hex), and whose start answers a redirect.
/// </summary>
[ModuleManifest(Key, ModuleKind.Payment, "Test Payment", "1.0.0", Description = "A payment module of the test suite.")]
public sealed class TestPaymentModule : IPaymentModule
{
    public const string Key = "test-payment";
    public const string SecretSetting = "webhookSecret";
    public const string SignatureHeader = "x-test-signature";

    public IReadOnlyList<ModuleSettingField> Settings { get; } = [];
    public IReadOnlyList<ModuleSettingField> GatewaySettings { get; } =
    [
        new("merchant", "Merchant ID"),
        new(SecretSetting, "Webhook secret", ModuleSettingType.Secret),
    ];
    public IReadOnlyList<ModulePermission> Permissions { get; } = [];
    public IReadOnlyList<ModuleMenuEntry> MenuEntries { get; } = [];
    public IReadOnlyList<ModuleSchedule> Schedules { get; } = [];
    public IReadOnlyList<ITaskHandler> TaskHandlers(IModuleContext context) => [];
    public Task MigrateAsync(IModuleContext context, string? fromVersion, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<PaymentStart> StartPaymentAsync(IModuleContext context, PaymentStartRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new PaymentStart($"Pay {request.Amount} {request.CurrencyCode} by card.", new Uri($"https://pay.example.test/{request.DocumentId}")));

    /// <summary>
    /// The webhook's body: what the test gateway reports. A refund made at the gateway has <see cref="RefundOf"/>, the id of
    /// the payment's notification, and maybe the gateway's <see cref="Reason"/>.
    /// </summary>
    public sealed record Notification(string Id, Guid DocumentId, decimal Amount, string Currency, DateTime ReceivedAt, string? Reference,
        string? RefundOf = null, string? Reason = null);

    public static string Sign(string body, string secret) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public Task<PaymentEventResult> ParseEventAsync(IModuleContext context, IReadOnlyDictionary<string, string> gatewaySettings, GatewayEvent incoming,
        CancellationToken cancellationToken)
    {
        if (incoming.StaffEntry is { } entry)
            return Task.FromResult(PaymentEventResult.Accept(new PaymentEvent($"test:{entry.Reference}", PaymentEventKind.Payment, entry.Amount, entry.CurrencyCode,
                entry.ReceivedAt, entry.Reference, entry.DocumentId)));
        var webhook = incoming.Webhook!;
        var secret = gatewaySettings.GetValueOrDefault(SecretSetting);
        if (string.IsNullOrEmpty(secret) || !webhook.Headers.TryGetValue(SignatureHeader, out var signature)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(webhook.Body, secret))))
            return Task.FromResult(PaymentEventResult.Refuse("The signature does not match."));
        var n = JsonSerializer.Deserialize<Notification>(webhook.Body, JsonSerializerOptions.Web)!;
        if (n.RefundOf is not null)
            return Task.FromResult(PaymentEventResult.Accept(PaymentEvent.RefundOf(n.Id, n.RefundOf, n.Amount, n.Currency, n.ReceivedAt, n.Reason, n.Reference)));
        return Task.FromResult(PaymentEventResult.Accept(new PaymentEvent(n.Id, PaymentEventKind.Payment, n.Amount, n.Currency, n.ReceivedAt, n.Reference, n.DocumentId)));
    }

    private static readonly ConcurrentDictionary<string, int> RefundCalls = new();

    /// <summary>How often the gateway was asked to give back (part of) the payment whose event was <paramref name="paymentEventId"/>.</summary>
    public static int RefundsAsked(string paymentEventId) => RefundCalls.GetValueOrDefault(paymentEventId);

    public Task<RefundResult> RefundAsync(IModuleContext context, RefundRequest request, CancellationToken cancellationToken)
    {
        // Like a real gateway, each refund gets an id of its own: "refund:<payment event>", then ":2", ":3" for more of one payment.
        var call = RefundCalls.AddOrUpdate(request.PaymentGatewayEventId, 1, (_, calls) => calls + 1);
        return Task.FromResult(new RefundResult(true, $"refund:{request.PaymentGatewayEventId}" + (call == 1 ? "" : $":{call}")));
    }

    /// <summary>Test services: the app's modules plus this one, and <see cref="RefundSaveFaults"/> and <see cref="CurrencyChangeGate"/> on the app's contexts.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<IModuleCatalog>(sp => new ModuleCatalog([typeof(PuqCloud.Modules.ModulesAssembly).Assembly, typeof(TestPaymentModule).Assembly],
            sp.GetRequiredService<DatabaseOptions>(), sp.GetRequiredService<TimeProvider>()));
        services.ConfigureDbContext<AppDbContext>((_, options) => options.AddInterceptors(RefundSaveFaults.Instance, CurrencyChangeGate.Instance));
    }
}

/// <summary>
/// Makes the next save that books a refund of a given payment fail, as a conflict with another writer would: what a refund
/// does when its save fails after the gateway gave the money back.
/// </summary>
public sealed class RefundSaveFaults : SaveChangesInterceptor
{
    public static RefundSaveFaults Instance { get; } = new();

    private readonly ConcurrentDictionary<Guid, bool> _armed = new();

    public static void FailNextSaveOf(Guid paymentId) => Instance._armed[paymentId] = true;

    /// <summary>False once the armed save has failed.</summary>
    public static bool IsArmed(Guid paymentId) => Instance._armed.ContainsKey(paymentId);

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var refunds = eventData.Context?.ChangeTracker.Entries<Refund>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.PaymentId) ?? [];
        if (refunds.Any(payment => _armed.TryRemove(payment, out _)))
            throw new DbUpdateException("A save failed on purpose (RefundSaveFaults).");
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }
}
