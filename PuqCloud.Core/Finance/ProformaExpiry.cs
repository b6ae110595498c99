using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Finance;

/// <summary>
/// Finance → "Expire unpaid proformas": an unpaid proforma on which nothing was paid and whose due date plus General →
/// Finance's grace ("expire unpaid proformas after N days past due") has passed on the billing clock becomes Expired
/// (<see cref="Document.Expire"/>). Batches of <see cref="BatchSize"/>, one save each. A payment that lands at the same
/// moment moves the proforma's <see cref="Document.Revision"/> too: whichever saves second is refused, so the batch is
/// read again (a proforma paid meanwhile is no longer Unpaid and stays as the payment left it), and a payment never
/// lands on an expired proforma. Clients whose proformas expired get a live event.
/// </summary>
public sealed class ProformaExpiry(DatabaseOptions database, IGeneralSettingsStore settings, BillingClock clock, ILiveEvents live, ILogger<ProformaExpiry> logger)
{
    public const string ScheduleKey = "finance:expire-proformas";
    public const int BatchSize = 500;
    private const int MaxAttempts = 20;

    public static ScheduleDefinition Definition() => new(ScheduleKey, ScheduleTabs.Finance, "Expire unpaid proformas",
        "Marks unpaid proformas as expired once their due date plus the days of General → Finance (\"Expire unpaid proformas after\") " +
        "has passed; nothing can be paid on them afterwards. Partly paid proformas are left as they are.",
        "0 * * * *", true, (sp, ct) => sp.GetRequiredService<ProformaExpiry>().RunAsync(ct));

    /// <summary>Expires every proforma due for it now; returns how many expired.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var finance = (await settings.LoadAsync(cancellationToken)).Finance;
        var grace = TimeSpan.FromDays(Math.Max(0, finance.ExpireProformasAfterDays));
        var dueBefore = now - grace;
        var total = 0;
        var clients = new HashSet<Guid>();
        for (var attempt = 1; ;)
        {
            await using var db = database.CreatePlainContext();
            var batch = await db.Documents
                .Where(d => d.Kind == DocumentType.Proforma && d.Status == DocumentStatus.Unpaid && d.AmountPaid == 0m && d.DueAt != null && d.DueAt <= dueBefore)
                .OrderBy(d => d.DueAt).ThenBy(d => d.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            foreach (var document in batch) document.Expire(now, grace);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // A payment (or staff) changed one of them since it was read: the whole batch rolled back; read it again.
                attempt++;
                continue;
            }
            total += batch.Count;
            foreach (var document in batch) clients.Add(document.ClientId);
        }
        foreach (var clientId in clients)
            await live.PublishAsync(new LiveEvent(DocumentTopics.Documents, clientId.ToString(), now), cancellationToken);
        if (total > 0) logger.LogInformation("{Count} unpaid proforma(s) expired", total);
        return total;
    }
}
