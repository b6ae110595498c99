namespace PuqCloud.Modules.Abstractions;

public enum ModuleSettingType
{
    Text,
    /// <summary>Stored encrypted; never shown or returned in clear after saving.</summary>
    Secret,
    Number,
    Boolean,
    Select,
}

/// <summary>One field of a module's settings form.</summary>
public sealed record ModuleSettingField(string Key, string Label, ModuleSettingType Type = ModuleSettingType.Text, bool Required = false,
    string? DefaultValue = null, string? Description = null, IReadOnlyList<string>? Options = null);

/// <summary>A permission a module adds to the staff catalog, as "module.KEY.ACTION".</summary>
public sealed record ModulePermission(string Action, string Title);

/// <summary>An entry the module adds to the console menu (shown with its permission when active).</summary>
public sealed record ModuleMenuEntry(string Title, string Path, string Icon, string? Permission = null);

/// <summary>
/// A schedule of the module: it appears on the module's tab of Automation → Scheduler and runs while the
/// module is active and the schedule is on.
/// </summary>
public sealed record ModuleSchedule(string Key, string Title, string Description, string DefaultCron, bool EnabledByDefault,
    Func<IModuleContext, CancellationToken, Task> RunAsync);

/// <summary>Levels of the Module Log.</summary>
public enum ModuleLogLevel
{
    Debug,
    Info,
    Warning,
    Error,
}

/// <summary>Writes the Module Log: what the module asked of an outside system and what came back, secrets masked.</summary>
public interface IModuleLogger
{
    Task LogAsync(string action, ModuleLogLevel level, string message, string? request = null, string? response = null, CancellationToken cancellationToken = default);
}

/// <summary>The module's saved settings; secrets arrive decrypted, for the module's own use only.</summary>
public interface IModuleSettings
{
    /// <summary>A saved value (or the field's default); the first read loads the module's values once for this context.</summary>
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a value of the module's own state under a key that is not one of its declared fields (a run
    /// counter, say); declared fields are the administrator's to change.
    /// </summary>
    Task SetAsync(string key, string? value, CancellationToken cancellationToken = default);
}

/// <summary>Tells open pages that something changed (after the change is stored).</summary>
public interface IModuleEvents
{
    Task PublishAsync(string topic, string? subject = null, CancellationToken cancellationToken = default);
}

/// <summary>Everything a module may use of the host; nothing else of the host is reachable.</summary>
public interface IModuleContext
{
    string ModuleKey { get; }
    IModuleSettings Settings { get; }
    IModuleLogger Log { get; }
    ITaskQueue Tasks { get; }
    /// <summary>An HTTP client with timeouts and retries, for the module's outside systems.</summary>
    HttpClient Http { get; }
    TimeProvider Clock { get; }
    IModuleEvents Events { get; }
}

/// <summary>
/// What a module's own pages use to reach their module: the context, but only while the module is active
/// and the signed-in staff member holds the permission (the action of one of the module's permissions).
/// </summary>
public interface IModulePages
{
    Task<IModuleContext?> OpenAsync(string moduleKey, string? permissionAction, CancellationToken cancellationToken = default);
}

/// <summary>
/// A module: the entry class carries [ModuleManifest]; the host finds it in referenced assemblies, shows
/// it under Settings → Add-ons → Modules and runs its migration step on activation and update.
/// </summary>
public interface IModule
{
    IReadOnlyList<ModuleSettingField> Settings { get; }
    IReadOnlyList<ModulePermission> Permissions { get; }
    IReadOnlyList<ModuleMenuEntry> MenuEntries { get; }
    IReadOnlyList<ModuleSchedule> Schedules { get; }
    /// <summary>
    /// Task handlers for the module's own background work; their names are prefixed by the host with "KEY:" so modules
    /// never collide. A task's input is stored in plain text in the queue: never put settings or secrets in it (a
    /// Product module's lifecycle actions need no handler here, the host queues and runs them).
    /// </summary>
    IReadOnlyList<ITaskHandler> TaskHandlers(IModuleContext context);
    /// <summary>The module's own migration step, run on activation and on update (fromVersion is null the first time).</summary>
    Task MigrateAsync(IModuleContext context, string? fromVersion, CancellationToken cancellationToken);
}

/// <summary>What a provisioning action answered.</summary>
public sealed record ProvisioningResult(bool Succeeded, string? Message = null, IReadOnlyDictionary<string, string>? ServiceData = null);

/// <summary>
/// A service as a Product module sees it: its id, the product's module settings and the service's own data, and which try
/// of the queued action this is. From try 2 on, an earlier try may have done part of the work before it failed or ran out
/// of time (the host tries an action up to three times): a create should look for what it made (by what an earlier try put
/// in <see cref="ServiceData"/>, which the host keeps, or by the service id) before making it again.
/// </summary>
public sealed record ProvisioningRequest(Guid ServiceId, IReadOnlyDictionary<string, string> ProductSettings, IReadOnlyDictionary<string, string> ServiceData,
    int Try = 1);

/// <summary>A Product module: the lifecycle of a service. Calls arrive through the task queue.</summary>
public interface IProductModule : IModule
{
    /// <summary>
    /// The form a product that uses this module fills in (plan, template, limits…); the values reach the module as
    /// <see cref="ProvisioningRequest.ProductSettings"/>. Secrets are stored encrypted like the module's own.
    /// </summary>
    IReadOnlyList<ModuleSettingField> ProductSettings { get; }

    Task<ProvisioningResult> CreateAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken);
    Task<ProvisioningResult> SuspendAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken);
    Task<ProvisioningResult> UnsuspendAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken);
    Task<ProvisioningResult> IdleAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken);
    Task<ProvisioningResult> UnidleAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken);
    Task<ProvisioningResult> TerminateAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken);
    Task<ProvisioningResult> ChangePackageAsync(IModuleContext context, ProvisioningRequest request, CancellationToken cancellationToken);
}

/// <summary>A Plugin module: extensions with their own pages (menu entries) and jobs (schedules).</summary>
public interface IPluginModule : IModule;

/// <summary>A party named to a payment module: who pays, or who is paid (the billing company).</summary>
public sealed record PaymentParty(string Name, string? Email = null, string? CountryCode = null, string? VatId = null);

/// <summary>
/// What the host asks a payment module to start: pay <see cref="Amount"/> of <see cref="CurrencyCode"/> for one document.
/// <see cref="GatewaySettings"/> are the gateway's values (its form, <see cref="IPaymentModule.GatewaySettings"/>) with
/// secrets decrypted for the module alone: never log them or put them in a task's input.
/// </summary>
public sealed record PaymentStartRequest(
    Guid DocumentId,
    string DocumentNumber,
    decimal Amount,
    string CurrencyCode,
    int CurrencyDecimals,
    IReadOnlyDictionary<string, string> GatewaySettings,
    PaymentParty Company,
    PaymentParty Client);

/// <summary>What the payer is shown: instructions (plain text, lines kept) and/or a page of the gateway to go to.</summary>
public sealed record PaymentStart(string? Instructions, Uri? RedirectUrl = null);

/// <summary>What a standard payment event does: money received for a document (the default), or money the gateway gave back for a payment.</summary>
public enum PaymentEventKind
{
    Payment,
    Refund,
}

/// <summary>A payment received as staff enter it (a bank transfer seen on the statement): the amount is in the document's currency.</summary>
public sealed record StaffPaymentEntry(Guid DocumentId, string DocumentNumber, decimal Amount, string CurrencyCode, DateTime ReceivedAt, string? Reference);

/// <summary>A call of the gateway to the host's webhook (POST /api/gateways/{gatewayId}/events): the raw body and the headers, names in lower case.</summary>
public sealed record GatewayWebhook(string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>What reached the host for a gateway: exactly one of a staff entry or a webhook call.</summary>
public sealed record GatewayEvent(StaffPaymentEntry? StaffEntry = null, GatewayWebhook? Webhook = null);

/// <summary>
/// The standard event the host applies. <see cref="GatewayEventId"/> is the gateway's own id of the event: the host applies
/// an event of a gateway once, however often it arrives (a unique index on gateway + event id). The document is named by
/// its id or, when the gateway only knows what the payer typed, by its number (within the gateway's home company).
/// <para>
/// A <see cref="PaymentEventKind.Refund"/> reports money the gateway already gave back (a refund made in the gateway's own
/// dashboard): <see cref="Amount"/> is what went back (gross, in the payment's currency), <see cref="PaymentGatewayEventId"/>
/// names the original payment by the <see cref="GatewayEventId"/> its payment event had, and the document comes from that
/// payment (<see cref="DocumentId"/> and <see cref="DocumentNumber"/> are not read). The host books it like a staff refund
/// (ledger row, a numbered credit note once the proforma is invoiced) without calling <see cref="IPaymentModule.RefundAsync"/>. For a refund,
/// <see cref="GatewayEventId"/> is best the gateway's id of the refund itself, the id <see cref="RefundResult.GatewayEventId"/>
/// answers: a refund staff made from the console and the gateway then reports is recognised and not booked twice.
/// <see cref="Reason"/> is the gateway's reason, if it gives one; it is shown after "Refunded at (gateway)".
/// Events of earlier modules, which set neither, stay payments (<see cref="Kind"/> = <see cref="PaymentEventKind.Payment"/>).
/// </para>
/// </summary>
public sealed record PaymentEvent(
    string GatewayEventId,
    PaymentEventKind Kind,
    decimal Amount,
    string CurrencyCode,
    DateTime ReceivedAt,
    string? Reference,
    Guid? DocumentId = null,
    string? DocumentNumber = null,
    string? PaymentGatewayEventId = null,
    string? Reason = null)
{
    /// <summary>A gateway-reported refund of <paramref name="amount"/> of the payment whose event id was <paramref name="paymentGatewayEventId"/>.</summary>
    public static PaymentEvent RefundOf(string gatewayEventId, string paymentGatewayEventId, decimal amount, string currencyCode, DateTime refundedAt,
        string? reason = null, string? reference = null) =>
        new(gatewayEventId, PaymentEventKind.Refund, amount, currencyCode, refundedAt, reference, PaymentGatewayEventId: paymentGatewayEventId, Reason: reason);
}

/// <summary>
/// A module's reading of an incoming event: the standard event, or a refusal (a bad signature, a missing reference…).
/// <see cref="Field"/> names the staff entry's field the refusal is about (Amount, ReceivedAt, Reference), if any.
/// </summary>
public sealed record PaymentEventResult(PaymentEvent? Event, string? Refusal = null, string? Field = null)
{
    public static PaymentEventResult Accept(PaymentEvent paymentEvent) => new(paymentEvent);
    public static PaymentEventResult Refuse(string reason, string? field = null) => new(null, reason, field);
}

/// <summary>Money to give back for a payment the gateway took (<see cref="PaymentGatewayEventId"/>), with the gateway's settings as for a start.</summary>
public sealed record RefundRequest(
    Guid DocumentId,
    string DocumentNumber,
    string PaymentGatewayEventId,
    decimal Amount,
    string CurrencyCode,
    IReadOnlyDictionary<string, string> GatewaySettings,
    string? Reason = null);

/// <summary>
/// What a refund did: on success the gateway's id of the refund (the host records it as a Refund event). The id names this
/// refund alone: two refunds of one payment never share it (the host books a gateway refund id once per payment).
/// </summary>
public sealed record RefundResult(bool Succeeded, string? GatewayEventId = null, string? Message = null);

/// <summary>
/// A payment gateway (bank transfer, Stripe, PayPal…). A home company attaches it under a key of its own, as many times
/// as it likes (Finance → Home companies → Payment gateways), each gateway with its own <see cref="GatewaySettings"/>
/// values, allowed currencies, order and on/off. The host owns the money: it refuses a currency the gateway does not
/// allow, an amount above what is still due, a duplicate event; it records the payment, credits the balance and issues
/// the final invoice. The module only talks to its gateway and translates.
/// </summary>
public interface IPaymentModule : IModule
{
    /// <summary>The form each gateway of this module fills in (account data, API keys…); secrets are stored encrypted.</summary>
    IReadOnlyList<ModuleSettingField> GatewaySettings { get; }

    /// <summary>Begins paying a document: the instructions to show the payer and/or where to send them.</summary>
    Task<PaymentStart> StartPaymentAsync(IModuleContext context, PaymentStartRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Turns what reached the host (a staff entry or a webhook call, whose signature the module checks with its
    /// settings) into a standard event, or refuses it. The module never writes payments itself.
    /// </summary>
    Task<PaymentEventResult> ParseEventAsync(IModuleContext context, IReadOnlyDictionary<string, string> gatewaySettings, GatewayEvent incoming,
        CancellationToken cancellationToken);

    /// <summary>Gives money back through the gateway (a module that cannot answers a failed result saying so).</summary>
    Task<RefundResult> RefundAsync(IModuleContext context, RefundRequest request, CancellationToken cancellationToken);
}

/// <summary>Contract of notification senders; its members arrive with the notifications issue.</summary>
public interface INotificationModule : IModule;

/// <summary>Contract of DNS server drivers; its members arrive with the DNS issue.</summary>
public interface IDnsServerModule : IModule;

/// <summary>Contract of certificate authorities; its members arrive with the SSL issue.</summary>
public interface ICertificateAuthorityModule : IModule;
