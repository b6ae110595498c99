using System.Globalization;
using System.Text;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Modules.Payment.BankTransfer;

/// <summary>
/// Payment by bank transfer: the payer is shown the company's bank account and asked to put the document's number in
/// the transfer's title; staff record a transfer once they see it on the statement (amount, date, reference). There is
/// no gateway to call, so webhooks are refused and refunds are made by hand at the bank.
/// </summary>
/// <remarks>
/// The gateway's event id of a recorded transfer is derived from what identifies it on the statement:
/// "bank:" + the reference (upper case, spaces and punctuation other than / - . removed) + ":" + the amount at the
/// currency's minor unit + ":" + the date received (yyyy-MM-dd). The same transfer recorded twice gives the same id, so
/// the host applies it once. Two different transfers with the same reference, amount and day need a reference of their
/// own (the bank's transaction id, say): the reference is required for that reason.
/// </remarks>
[ModuleManifest(Key, ModuleKind.Payment, "Bank Transfer", Version,
    Description = "Shows the company's bank account with the document number as the transfer's reference; staff record received transfers.",
    Icon = "account_balance")]
public sealed class BankTransferModule : IPaymentModule
{
    public const string Key = "bank-transfer";
    public const string Version = "1.0.0";

    public const string AccountHolderSetting = "accountHolder";
    public const string IbanSetting = "iban";
    public const string BicSetting = "bic";
    public const string BankNameSetting = "bankName";
    public const string InstructionsSetting = "instructions";

    public IReadOnlyList<ModuleSettingField> Settings { get; } = [];

    public IReadOnlyList<ModuleSettingField> GatewaySettings { get; } =
    [
        new(AccountHolderSetting, "Account holder", Required: true, Description: "The name the bank account is held in."),
        new(IbanSetting, "IBAN or account number", Required: true),
        new(BicSetting, "BIC / SWIFT"),
        new(BankNameSetting, "Bank name"),
        new(InstructionsSetting, "Extra instructions", Description: "Shown after the bank data, e.g. how long a transfer takes to be booked."),
    ];

    public IReadOnlyList<ModulePermission> Permissions { get; } = [];
    public IReadOnlyList<ModuleMenuEntry> MenuEntries { get; } = [];
    public IReadOnlyList<ModuleSchedule> Schedules { get; } = [];
    public IReadOnlyList<ITaskHandler> TaskHandlers(IModuleContext context) => [];
    public Task MigrateAsync(IModuleContext context, string? fromVersion, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<PaymentStart> StartPaymentAsync(IModuleContext context, PaymentStartRequest request, CancellationToken cancellationToken)
    {
        string? Setting(string key) => request.GatewaySettings.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var amount = request.Amount.ToString("F" + request.CurrencyDecimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var text = new StringBuilder()
            .AppendLine($"Please transfer {amount} {request.CurrencyCode} to:")
            .AppendLine($"Account holder: {Setting(AccountHolderSetting) ?? request.Company.Name}")
            .AppendLine($"IBAN / account number: {Setting(IbanSetting) ?? "-"}");
        if (Setting(BicSetting) is { } bic) text.AppendLine($"BIC / SWIFT: {bic}");
        if (Setting(BankNameSetting) is { } bank) text.AppendLine($"Bank: {bank}");
        text.AppendLine($"Reference (transfer title): {request.DocumentNumber}");
        if (Setting(InstructionsSetting) is { } extra) text.AppendLine().AppendLine(extra);
        return Task.FromResult(new PaymentStart(text.ToString().TrimEnd()));
    }

    public Task<PaymentEventResult> ParseEventAsync(IModuleContext context, IReadOnlyDictionary<string, string> gatewaySettings, GatewayEvent incoming,
        CancellationToken cancellationToken)
    {
        if (incoming.StaffEntry is not { } entry)
            return Task.FromResult(PaymentEventResult.Refuse("A bank transfer has no webhook: staff record received transfers."));
        var reference = NormalizeReference(entry.Reference);
        if (reference.Length == 0)
            return Task.FromResult(PaymentEventResult.Refuse("Enter the transfer's reference as the statement shows it.", "Reference"));
        var id = EventId(reference, entry.Amount, entry.ReceivedAt);
        return Task.FromResult(PaymentEventResult.Accept(new PaymentEvent(id, PaymentEventKind.Payment, entry.Amount, entry.CurrencyCode,
            entry.ReceivedAt.Date, entry.Reference!.Trim(), entry.DocumentId, entry.DocumentNumber)));
    }

    public Task<RefundResult> RefundAsync(IModuleContext context, RefundRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new RefundResult(true, Message: "Send the refund by hand from the bank account to the payer's account."));

    /// <summary>The reference as it identifies a transfer: upper case, letters, digits and / - . only (spaces and other punctuation dropped).</summary>
    public static string NormalizeReference(string? reference) =>
        new((reference ?? "").ToUpperInvariant().Where(c => char.IsLetterOrDigit(c) || c is '/' or '-' or '.').ToArray());

    /// <summary>The event id of a transfer: the same reference, amount and day always give the same id.</summary>
    public static string EventId(string normalizedReference, decimal amount, DateTime receivedAt)
    {
        var id = $"bank:{normalizedReference}:{amount.ToString("0.####", CultureInfo.InvariantCulture)}:{receivedAt:yyyy-MM-dd}";
        return id.Length <= 200 ? id : id[..200];
    }
}
