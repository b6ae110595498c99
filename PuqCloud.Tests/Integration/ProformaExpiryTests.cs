using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Finance → "Expire unpaid proformas" on the test clock: an unpaid proforma expires once its due date (General → Finance's
/// invoice due days) plus General → Finance's grace has passed, not an hour before; one no longer unpaid never expires; and a
/// writer that read the proforma before the expiry cannot save over it (the document's revision).
/// </summary>
/// <remarks>The class has an app of its own (one test): it moves the clock, which other classes read as their start.</remarks>
public abstract class ProformaExpiryTests(PuqAppFactory app)
{
    private const string V1 = "/api/admin/v1";
    private readonly PuqAppFactory _app = app;

    private async Task<(HttpClient Staff, Guid Client)> SetUpAsync()
    {
        var staff = await _app.SuperAdminClientAsync();
        await staff.CreateForIdAsync($"{V1}/home-companies", new { name = "Puq Polska" });
        var eur = await staff.CreateForIdAsync($"{V1}/currencies", new { code = "EUR", suffix = "€", exchangeRate = 1m, format = "SpaceComma", isDefault = false });
        var client = await staff.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = "Hans", lastName = "Meier", language = "en", currencyId = eur, status = "Active",
            billingAddress = new { address1 = "Hauptstraße 5", city = "Berlin", postcode = "10115", countryCode = "DE" },
        });
        return (staff, client);
    }

    private static async Task<Guid> AddFundsAsync(HttpClient staff, Guid clientId, decimal amount)
    {
        var response = await staff.PostAsJsonAsync($"{V1}/clients/{clientId}/add-funds", new { amount });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<DocumentStatus> StatusAsync(Guid id)
    {
        await using var db = _app.CreateDbContext();
        return await db.Documents.Where(d => d.Id == id).Select(d => d.Status).SingleAsync();
    }

    [Fact]
    public async Task An_unpaid_proforma_expires_when_its_due_date_plus_the_grace_has_passed_and_one_no_longer_unpaid_never_does()
    {
        var (staff, client) = await SetUpAsync();
        var settings = await staff.PutAsJsonAsync($"{V1}/settings/general", new { finance = new { invoiceDueDays = 1, expireProformasAfterDays = 1 } });
        settings.StatusCode.Should().Be(HttpStatusCode.OK, await settings.Content.ReadAsStringAsync());
        var refused = await staff.PutAsJsonAsync($"{V1}/settings/general", new { finance = new { expireProformasAfterDays = -1 } });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("finance.expireProformasAfterDays").And.Contain("Use 0 to 365 days.");

        var unpaid = await AddFundsAsync(staff, client, 10m);
        var paid = await AddFundsAsync(staff, client, 20m);
        var partlyPaid = await AddFundsAsync(staff, client, 30m);
        await using (var db = _app.CreateDbContext())
        {
            // What a payment leaves behind (payments are another slice's): a paid proforma, and one partly paid.
            await db.Documents.Where(d => d.Id == paid).ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DocumentStatus.Paid).SetProperty(d => d.AmountPaid, 20m));
            await db.Documents.Where(d => d.Id == partlyPaid).ExecuteUpdateAsync(s => s.SetProperty(d => d.AmountPaid, 5m));
        }

        // A writer (a payment, say) that reads the unpaid proforma now and saves after the expiry.
        await using var early = _app.CreateDbContext();
        var stale = await early.Documents.SingleAsync(d => d.Id == unpaid);

        // Due after 1 day; 1 day of grace: still unpaid one hour before the second day is over.
        await staff.AdvanceClockAsync(2 * 24 - 1);
        (await StatusAsync(unpaid)).Should().Be(DocumentStatus.Unpaid, "due date plus grace has not passed yet");
        var run = await staff.AdvanceClockAsync(1);
        run.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("key").GetString()).Should().Contain(ProformaExpiry.ScheduleKey);
        (await StatusAsync(unpaid)).Should().Be(DocumentStatus.Expired);
        (await StatusAsync(paid)).Should().Be(DocumentStatus.Paid, "a paid proforma never expires");
        (await StatusAsync(partlyPaid)).Should().Be(DocumentStatus.Unpaid, "a partly paid proforma waits for the rest");
        var list = await (await staff.GetAsync($"{V1}/invoices?clientId={client}&status=Expired")).JsonAsync();
        list.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).Should().Equal(unpaid);

        await staff.AdvanceClockAsync(24);
        (await StatusAsync(paid)).Should().Be(DocumentStatus.Paid);
        (await StatusAsync(partlyPaid)).Should().Be(DocumentStatus.Unpaid);

        // The stale copy still says Unpaid; changing it is refused by the document's revision, so a writer that read it before
        // the expiry cannot overwrite it.
        stale.Expire(stale.DueAt!.Value.AddDays(2), TimeSpan.Zero);
        await early.Invoking(db => db.SaveChangesAsync()).Should().ThrowAsync<DbUpdateConcurrencyException>();
    }
}

public sealed class SqliteProformaExpiryTests(SqliteManualClockAppFixture fixture) : ProformaExpiryTests(fixture.App), IClassFixture<SqliteManualClockAppFixture>;

public sealed class PostgresProformaExpiryTests(PostgresManualClockAppFixture fixture) : ProformaExpiryTests(fixture.App), IClassFixture<PostgresManualClockAppFixture>;
