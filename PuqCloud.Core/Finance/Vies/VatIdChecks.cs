using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Finance.Vies;

/// <summary>A client's EU VAT ID as the console shows it: the ID, the latest VIES answer about it, and whether VIES confirmed it (reverse charge).</summary>
/// <param name="VatId">the tax ID read as an EU VAT ID of the billing country ("DE123456789"); null when it cannot be one (no reverse charge either)</param>
/// <param name="Status">the latest answer about exactly this ID; NotChecked when it was never asked about (or the ID changed since)</param>
/// <param name="Confirmed">VIES said Valid for this ID, and no later Invalid: the reverse charge applies</param>
public sealed record ClientVatCheckDto(string? VatId, VatCheckStatus Status, DateTime? CheckedAt, string? Message, bool Confirmed, DateTime? ConfirmedAt,
    string? ConsultationNumber);

/// <summary>What "Check now" queued.</summary>
public sealed record VatCheckQueued(Guid TaskId, string VatId);

/// <summary>
/// When and how a client's EU VAT ID is checked: a task "finance.check-vat-id" (<see cref="VatIdCheckHandler"/>) is queued
/// when the ID (its tax ID read against its billing country) is not the one VIES was last asked about, i.e. when the tax ID
/// or the billing country changes, and when staff ask ("Check now").
/// </summary>
public static class VatIdChecks
{
    public const string TaskName = "finance.check-vat-id";
    public const string Queue = "finance";
    /// <summary>Live topic: a client's VAT check finished (subject: the client id).</summary>
    public const string Topic = "clients.vat-check";

    public sealed record Input(Guid ClientId);

    /// <summary>Unavailable answers are retried after 1, 2, 4, 8, 16 and 32 minutes.</summary>
    public static TaskRequest Request(Guid clientId, string? dedupeKey = null) =>
        new(Queue, TaskName, JsonSerializer.Serialize(new Input(clientId), JsonSerializerOptions.Web), dedupeKey, [$"client:{clientId}"], MaxTries: 7,
            Timeout: TimeSpan.FromMinutes(2), Backoff: TimeSpan.FromMinutes(1));

    public static Input ReadInput(string? json) =>
        JsonSerializer.Deserialize<Input>(json ?? "", JsonSerializerOptions.Web) ?? throw new InvalidOperationException("The task names no client.");

    /// <summary>
    /// Adds a check of the client's EU VAT ID to <paramref name="db"/> (saved with the caller's change, in its transaction)
    /// when the ID is one VIES was not last asked about. The caller wakes the workers after committing (<see cref="TaskSignal.Notify"/>).
    /// </summary>
    public static bool QueueIfChanged(AppDbContext db, Client client, string? billingCountry)
    {
        var vatId = EuVat.Normalize(client.TaxId, billingCountry);
        if (vatId is null || vatId == client.VatCheckedNumber) return false;
        db.QueuedTasks.Add(TaskQueue.NewRow(Request(client.Id), DateTime.UtcNow));
        return true;
    }

    /// <summary><see cref="QueueIfChanged(AppDbContext, Client, string?)"/> with the client's billing country as saved.</summary>
    public static async Task<bool> QueueIfChangedAsync(AppDbContext db, Client client, CancellationToken cancellationToken) =>
        QueueIfChanged(db, client, await BillingCountryAsync(db, client.Id, cancellationToken));

    public static Task<string?> BillingCountryAsync(AppDbContext db, Guid clientId, CancellationToken cancellationToken) =>
        db.ClientAddresses.Where(a => a.ClientId == clientId && a.Type == AddressType.Billing).Select(a => a.CountryCode).FirstOrDefaultAsync(cancellationToken);

    public static ClientVatCheckDto ToDto(Client client, string? billingCountry)
    {
        var vatId = EuVat.Normalize(client.TaxId, billingCountry);
        var checkedNow = vatId is not null && vatId == client.VatCheckedNumber;
        var confirmed = vatId is not null && vatId == client.VatValidNumber;
        return new ClientVatCheckDto(vatId, checkedNow ? client.VatCheckStatus : VatCheckStatus.NotChecked, checkedNow ? client.VatCheckedAt : null,
            checkedNow ? client.VatCheckMessage : null, confirmed, confirmed ? client.VatValidAt : null, confirmed ? client.VatConsultationNumber : null);
    }

    /// <summary>Tells open client pages after a check or a change committed.</summary>
    public static Task PublishAsync(ILiveEvents live, Guid clientId, DateTime at, CancellationToken cancellationToken) =>
        live.PublishAsync(new LiveEvent(Topic, clientId.ToString(), at), cancellationToken);
}
