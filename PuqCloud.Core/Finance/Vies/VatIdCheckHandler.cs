using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Finance.Vies;

/// <summary>
/// Task "finance.check-vat-id" (input: the client id): asks VIES about the client's EU VAT ID, naming the default home
/// company's EU VAT ID as the requester (so VIES gives a consultation number), keeps the answer on the client
/// (<see cref="Client.RecordVatCheck"/>) and in its history (<see cref="VatCheck"/>), and tells open pages. An Unavailable
/// answer is kept and then thrown, so that the queue asks again with backoff; an earlier confirmation of the same ID stays.
/// </summary>
public sealed class VatIdCheckHandler(DatabaseOptions database, IVatIdChecker checker, ILiveEvents live, TimeProvider clock) : ITaskHandler
{
    public string Name => VatIdChecks.TaskName;

    public async Task<string?> HandleAsync(TaskExecution task, CancellationToken cancellationToken)
    {
        var input = VatIdChecks.ReadInput(task.InputJson);
        string vatId;
        string? requesterCountry, requesterVatId;
        await using (var db = database.CreatePlainContext())
        {
            var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == input.ClientId, cancellationToken);
            if (client is null) return Output(new { skipped = "The client no longer exists." });
            var id = EuVat.Normalize(client.TaxId, await VatIdChecks.BillingCountryAsync(db, client.Id, cancellationToken));
            if (id is null) return Output(new { skipped = "The client has no EU VAT ID." });
            vatId = id;
            var company = await db.HomeCompanies.AsNoTracking().Where(c => c.IsDefault).Select(c => new { c.CountryCode, c.EuVatId }).FirstOrDefaultAsync(cancellationToken);
            requesterVatId = company is null ? null : EuVat.Normalize(company.EuVatId, company.CountryCode);
            requesterCountry = requesterVatId is null ? null : company!.CountryCode;
        }

        var result = await checker.CheckAsync(vatId[..2], vatId[2..], requesterCountry, requesterVatId, cancellationToken);
        await using (var db = database.CreatePlainContext())
        {
            var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == input.ClientId, cancellationToken);
            if (client is null) return Output(new { skipped = "The client no longer exists." });
            db.VatChecks.Add(new VatCheck
            {
                ClientId = client.Id, VatNumber = vatId, Status = result.Status, CheckedAt = result.CheckedAt, ConsultationNumber = TextCut.Cut(result.ConsultationNumber, 100),
                Name = TextCut.Cut(result.Name, 500), Address = TextCut.Cut(result.Address, 1000), Message = TextCut.Cut(result.Message, 500),
            });
            // The tax ID changed while VIES was asked: the answer is history only; the change queued a check of its own.
            var current = EuVat.Normalize(client.TaxId, await VatIdChecks.BillingCountryAsync(db, client.Id, cancellationToken)) == vatId;
            if (current) client.RecordVatCheck(vatId, result with { ConsultationNumber = TextCut.Cut(result.ConsultationNumber, 100), Message = TextCut.Cut(result.Message, 500) });
            await db.SaveChangesAsync(cancellationToken);
        }
        await VatIdChecks.PublishAsync(live, input.ClientId, clock.GetUtcNow().UtcDateTime, cancellationToken);

        if (result.Status == VatCheckStatus.Unavailable)
            throw new InvalidOperationException($"VIES could not answer about {vatId} ({result.Message ?? "unavailable"}); it is asked again later.");
        return Output(new { vatId, status = result.Status.ToString(), consultationNumber = result.ConsultationNumber });
    }

    private static string Output(object value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

}
