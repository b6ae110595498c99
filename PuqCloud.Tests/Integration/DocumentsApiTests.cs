using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// "Add funds" through the admin API: a proforma numbered in the billing company's series with the matching rule's
/// taxes, or the reverse charge; the limits of General → Finance refused as field errors with nothing written; and the
/// lists and details of documents. The test clock stands at <see cref="ManualClockAppFixture.Start"/>.
/// </summary>
/// <remarks>
/// The tests of a class share one app (its own database): one Polish home company, created first so it is the default,
/// and tax rules for Germany (private 19 %) and Austria (private 23 %). Each test makes its own clients.
/// </remarks>
public abstract class DocumentsApiTests(PuqAppFactory app)
{
    protected const string V1 = "/api/admin/v1";
    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private Guid _companyId;
    private Guid _eurId;

    protected PuqAppFactory App => app;

    /// <summary>The Polish home company (proformas "PRO/{YEAR}/{NUMBER:4}" from 41), EUR, and the rules; made once per app.</summary>
    protected async Task<(HttpClient Staff, Guid Company, Guid Eur)> SetUpAsync()
    {
        var staff = await app.SuperAdminClientAsync();
        await SetupLock.WaitAsync();
        try
        {
            var companies = (await (await staff.GetAsync($"{V1}/home-companies?search=Puq%20Polska")).JsonAsync()).GetProperty("items");
            if (companies.GetArrayLength() > 0)
            {
                _companyId = companies[0].GetProperty("id").GetGuid();
                _eurId = (await (await staff.GetAsync($"{V1}/currencies?search=EUR")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
                return (staff, _companyId, _eurId);
            }
            _companyId = await staff.CreateForIdAsync($"{V1}/home-companies", new { name = "Puq Polska" });
            (await staff.PutAsJsonAsync($"{V1}/home-companies/{_companyId}", new
            {
                name = "Puq Polska", legalName = "Puq Polska sp. z o.o.", address1 = "Prosta 1", city = "Warszawa", postcode = "00-001", countryCode = "PL",
                email = "billing@puq.example.test", isDefault = true,
            })).EnsureSuccessStatusCode();
            (await staff.PutAsJsonAsync($"{V1}/home-companies/{_companyId}/tax-settings", new { euVatId = "PL1234567890", taxNumber = "123-456-78-90" }))
                .EnsureSuccessStatusCode();
            var numbering = await staff.PutAsJsonAsync($"{V1}/home-companies/{_companyId}/invoice-settings", new
            {
                numbering = new[]
                {
                    new { documentType = "Proforma", format = "PRO/{YEAR}/{NUMBER:4}", nextNumber = 41L, resetPolicy = "Yearly" },
                    new { documentType = "Invoice", format = "FV/{YEAR}/{NUMBER:4}", nextNumber = 1L, resetPolicy = "Yearly" },
                    new { documentType = "CreditNote", format = "KOR/{YEAR}/{NUMBER:4}", nextNumber = 1L, resetPolicy = "Yearly" },
                },
                addFundsItemText = "Doładowanie salda / Add funds", refundItemText = "Zwrot / Refund", paperSize = "A4",
            });
            numbering.StatusCode.Should().Be(HttpStatusCode.OK, await numbering.Content.ReadAsStringAsync());
            _eurId = await staff.CreateForIdAsync($"{V1}/currencies", new { code = "EUR", suffix = "€", exchangeRate = 1m, format = "SpaceComma", isDefault = false });
            await CreateRuleAsync(staff, "DE", 19m);
            await CreateRuleAsync(staff, "AT", 23m);
            return (staff, _companyId, _eurId);
        }
        finally
        {
            SetupLock.Release();
        }
    }

    private async Task CreateRuleAsync(HttpClient staff, string country, decimal rate)
    {
        var rule = await staff.PostAsJsonAsync($"{V1}/tax-rules", new
        {
            countryCode = country, appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = true,
            individualTaxRate = true, tax1Name = "VAT", tax1Rate = rate, homeCompanyId = _companyId,
        });
        rule.StatusCode.Should().Be(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());
    }

    /// <summary>A client paying in EUR with its billing address in <paramref name="country"/>: a person, or a company with a tax ID.</summary>
    protected static Task<Guid> CreateClientAsync(HttpClient staff, Guid eur, string country, string? company = null, string? taxId = null, string? region = null) =>
        staff.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = "Hans", lastName = "Meier", companyName = company, taxId, language = "en", currencyId = eur, status = "Active",
            billingAddress = new { address1 = "Hauptstraße 5", city = "Berlin", postcode = "10115", countryCode = country, region },
        });

    protected static Task<HttpResponseMessage> AddFundsAsync(HttpClient staff, Guid clientId, decimal? amount) =>
        staff.PostAsJsonAsync($"{V1}/clients/{clientId}/add-funds", new { amount });

    [Fact]
    public async Task Add_funds_issues_an_unpaid_proforma_numbered_in_the_company_s_series_with_the_rule_s_taxes_on_top()
    {
        var (staff, company, eur) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur, "DE");

        var response = await AddFundsAsync(staff, clientId, 33.33m);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var proforma = await response.JsonAsync();
        response.Headers.Location!.ToString().Should().Be($"{V1}/invoices/{proforma.GetProperty("id").GetGuid()}");
        proforma.GetProperty("kind").GetString().Should().Be("Proforma");
        proforma.GetProperty("status").GetString().Should().Be("Unpaid");
        proforma.GetProperty("number").GetString().Should().MatchRegex(@"^PRO/2026/\d{4}$");
        proforma.GetProperty("homeCompanyId").GetGuid().Should().Be(company);
        proforma.Time("issuedAt").Should().Be(ManualClockAppFixture.Start, "the issue date is the numbering date, on the billing clock");
        proforma.Time("dueAt").Should().Be(ManualClockAppFixture.Start.AddDays(14), "General → Finance gives 14 days by default");
        proforma.GetProperty("currencyCode").GetString().Should().Be("EUR");
        var line = proforma.GetProperty("lines").EnumerateArray().Should().ContainSingle().Subject;
        line.GetProperty("description").GetString().Should().Be("Doładowanie salda / Add funds");
        (line.GetProperty("quantity").GetDecimal(), line.GetProperty("unitPrice").GetDecimal(), line.GetProperty("amount").GetDecimal()).Should().Be((1m, 33.33m, 33.33m));
        var tax = proforma.GetProperty("taxes").EnumerateArray().Should().ContainSingle().Subject;
        (tax.GetProperty("name").GetString(), tax.GetProperty("rate").GetDecimal(), tax.GetProperty("taxableBase").GetDecimal(), tax.GetProperty("amount").GetDecimal())
            .Should().Be(("VAT", 19m, 33.33m, 6.33m));
        (proforma.GetProperty("subtotal").GetDecimal(), proforma.GetProperty("taxTotal").GetDecimal(), proforma.GetProperty("total").GetDecimal(),
            proforma.GetProperty("amountPaid").GetDecimal()).Should().Be((33.33m, 6.33m, 39.66m, 0m));
        proforma.GetProperty("totalText").GetString().Should().Be("39,66\u00a0€");
        proforma.GetProperty("reverseCharge").GetBoolean().Should().BeFalse();
        proforma.GetProperty("client").GetProperty("name").GetString().Should().Be("Hans Meier");
        proforma.GetProperty("client").GetProperty("countryCode").GetString().Should().Be("DE");
        proforma.GetProperty("company").GetProperty("name").GetString().Should().Be("Puq Polska sp. z o.o.");
        proforma.GetProperty("company").GetProperty("vatId").GetString().Should().Be("PL1234567890");

        var second = await (await AddFundsAsync(staff, clientId, 100m)).JsonAsync();
        var first = int.Parse(proforma.GetProperty("number").GetString()![^4..]);
        second.GetProperty("number").GetString().Should().Be($"PRO/2026/{first + 1:D4}", "the next proforma of the company takes the next number");
        second.GetProperty("total").GetDecimal().Should().Be(119.00m);

        var list = await (await staff.GetAsync($"{V1}/clients/{clientId}/invoices")).JsonAsync();
        list.GetProperty("total").GetInt32().Should().Be(2);
        list.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("number").GetString())
            .Should().Equal(second.GetProperty("number").GetString(), proforma.GetProperty("number").GetString());
        list.GetProperty("items")[1].GetProperty("amountPaidText").GetString().Should().Be("0,00\u00a0€");
        var read = await (await staff.GetAsync($"{V1}/invoices/{proforma.GetProperty("id").GetGuid()}")).JsonAsync();
        read.GetProperty("total").GetDecimal().Should().Be(39.66m);
        read.GetProperty("lines").GetArrayLength().Should().Be(1);
        (await staff.GetAsync($"{V1}/invoices/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var unpaid = await (await staff.GetAsync($"{V1}/invoices?clientId={clientId}&kind=Proforma&status=Unpaid&homeCompanyId={company}")).JsonAsync();
        unpaid.GetProperty("total").GetInt32().Should().Be(2);

        (await staff.BalanceAsync(clientId)).Should().Be(0m, "adding funds asks for money; only its payment will move the balance");
        (await staff.TransactionsAsync(clientId)).Should().BeEmpty();
    }

    [Fact]
    public async Task The_rule_of_the_client_s_country_decides_the_rate_and_an_eu_company_with_a_vat_id_gets_the_reverse_charge()
    {
        var (staff, _, eur) = await SetUpAsync();
        var austrian = await CreateClientAsync(staff, eur, "AT");
        var atProforma = await (await AddFundsAsync(staff, austrian, 33.33m)).JsonAsync();
        atProforma.GetProperty("taxes")[0].GetProperty("amount").GetDecimal().Should().Be(7.67m, "33.33 × 23 % = 7.6659");
        atProforma.GetProperty("total").GetDecimal().Should().Be(41.00m);

        var company = await CreateClientAsync(staff, eur, "DE", "Berlin Hosting GmbH", "DE 123 456 789");
        // Creating it queued a VIES check of its VAT ID; the test's VIES says valid.
        var check = await staff.VatCheckAsync(company, c => c.GetProperty("confirmed").GetBoolean());
        check.GetProperty("consultationNumber").GetString().Should().StartWith("WAPI");
        var response = await AddFundsAsync(staff, company, 250m);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var proforma = await response.JsonAsync();
        proforma.GetProperty("reverseCharge").GetBoolean().Should().BeTrue();
        proforma.GetProperty("legalNote").GetString().Should().Contain("Reverse charge").And.Contain("Article 196");
        proforma.GetProperty("taxes").GetArrayLength().Should().Be(0);
        (proforma.GetProperty("subtotal").GetDecimal(), proforma.GetProperty("taxTotal").GetDecimal(), proforma.GetProperty("total").GetDecimal())
            .Should().Be((250m, 0m, 250m));
        proforma.GetProperty("client").GetProperty("vatId").GetString().Should().Be("DE123456789");
        proforma.GetProperty("client").GetProperty("legalName").GetString().Should().Be("Berlin Hosting GmbH");

        var preview = await (await staff.GetAsync($"{V1}/clients/{austrian}/add-funds/preview?amount=10")).JsonAsync();
        (preview.GetProperty("taxTotal").GetDecimal(), preview.GetProperty("total").GetDecimal()).Should().Be((2.30m, 12.30m));
        (await (await staff.GetAsync($"{V1}/clients/{austrian}/invoices")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(1, "a preview writes nothing");
    }

    [Fact]
    public async Task Where_taxes_go_by_region_an_address_without_one_is_refused_not_billed_without_tax()
    {
        var (staff, company, eur) = await SetUpAsync();
        var rule = await staff.PostAsJsonAsync($"{V1}/tax-rules", new
        {
            countryCode = "CA", region = "CA-ON", appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = true,
            individualTaxRate = true, tax1Name = "HST", tax1Rate = 13m, homeCompanyId = company,
        });
        rule.StatusCode.Should().Be(HttpStatusCode.Created, await rule.Content.ReadAsStringAsync());

        var noRegion = await CreateClientAsync(staff, eur, "CA");
        var refused = await AddFundsAsync(staff, noRegion, 100m);
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict, await refused.Content.ReadAsStringAsync());
        (await refused.JsonAsync()).GetProperty("detail").GetString().Should()
            .Be("The client's billing address has no region (state or province), and the tax rules for CA depend on it: add the region to the billing address first.");
        (await (await staff.GetAsync($"{V1}/clients/{noRegion}/invoices")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(0);

        var ontario = await CreateClientAsync(staff, eur, "CA", region: "CA-ON");
        var proforma = await (await AddFundsAsync(staff, ontario, 100m)).JsonAsync();
        (proforma.GetProperty("taxTotal").GetDecimal(), proforma.GetProperty("total").GetDecimal()).Should().Be((13.00m, 113.00m));
    }

    [Fact]
    public async Task A_vat_id_that_vies_finds_invalid_never_checked_or_unavailable_gets_the_rule_s_vat()
    {
        var (staff, _, eur) = await SetUpAsync();
        async Task ChargedVatAsync(Guid clientId, string why)
        {
            var proforma = await (await AddFundsAsync(staff, clientId, 250m)).JsonAsync();
            (proforma.GetProperty("reverseCharge").GetBoolean(), proforma.GetProperty("taxTotal").GetDecimal(), proforma.GetProperty("total").GetDecimal())
                .Should().Be((false, 47.50m, 297.50m), why);
            proforma.GetProperty("legalNote").ValueKind.Should().Be(JsonValueKind.Null);
        }

        var invalid = await CreateClientAsync(staff, eur, "DE", "Fake GmbH", "DE123456000");
        (await staff.VatCheckAsync(invalid, c => c.GetProperty("status").GetString() == "Invalid")).GetProperty("confirmed").GetBoolean().Should().BeFalse();
        await ChargedVatAsync(invalid, "VIES says the number does not exist");

        var unavailable = await CreateClientAsync(staff, eur, "DE", "Slow GmbH", "DE123456999");
        var answer = await staff.VatCheckAsync(unavailable, c => c.GetProperty("status").GetString() == "Unavailable");
        (answer.GetProperty("confirmed").GetBoolean(), answer.GetProperty("message").GetString()).Should().Be((false, "MS_UNAVAILABLE"));
        await ChargedVatAsync(unavailable, "a number VIES never confirmed is not reverse-charged, even when VIES only failed to answer");

        // Never checked: a German VAT ID with an Austrian billing address is no EU VAT ID (nothing to check, the check is
        // refused); then the address is moved behind the app's back, so nothing queued a check.
        var moved = await CreateClientAsync(staff, eur, "AT", "Moved GmbH", "DE 555 666 777");
        (await staff.ClientAsync(moved)).GetProperty("vatCheck").GetProperty("vatId").ValueKind.Should().Be(JsonValueKind.Null);
        (await staff.PostAsync($"{V1}/clients/{moved}/vat-check", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        await using (var db = App.CreateDbContext())
            await db.ClientAddresses.Where(a => a.ClientId == moved).ExecuteUpdateAsync(s => s.SetProperty(a => a.CountryCode, "DE"));
        var never = (await staff.ClientAsync(moved)).GetProperty("vatCheck");
        (never.GetProperty("vatId").GetString(), never.GetProperty("status").GetString(), never.GetProperty("confirmed").GetBoolean()).Should().Be(("DE555666777", "NotChecked", false));
        await ChargedVatAsync(moved, "a VAT ID VIES was never asked about is not reverse-charged");

        // Check now: VIES confirms it, and the next proforma is reverse-charged.
        var queued = await staff.PostAsync($"{V1}/clients/{moved}/vat-check", null);
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync());
        (await queued.JsonAsync()).GetProperty("vatId").GetString().Should().Be("DE555666777");
        await staff.VatCheckAsync(moved, c => c.GetProperty("confirmed").GetBoolean());
        (await (await AddFundsAsync(staff, moved, 250m)).JsonAsync()).GetProperty("reverseCharge").GetBoolean().Should().BeTrue();

        // A new VAT ID typed in: no reverse charge until VIES confirms it; the change itself queued the check.
        App.Vies.Answer("DE555666778", VatCheckStatus.Unavailable);
        (await staff.PutAsJsonAsync($"{V1}/clients/{moved}", new { taxId = "DE 555 666 778" })).EnsureSuccessStatusCode();
        var down = await staff.VatCheckAsync(moved, c => c.GetProperty("vatId").GetString() == "DE555666778" && c.GetProperty("status").GetString() == "Unavailable");
        down.GetProperty("confirmed").GetBoolean().Should().BeFalse("the earlier confirmation was of another number");
        await ChargedVatAsync(moved, "the new number is not confirmed yet");
        App.Vies.Answer("DE555666778", VatCheckStatus.Valid);
        (await staff.PostAsync($"{V1}/clients/{moved}/vat-check", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var valid = await staff.VatCheckAsync(moved, c => c.GetProperty("confirmed").GetBoolean());

        // VIES down later: the confirmation of the same number stands (with its date and consultation number), so does the reverse charge.
        App.Vies.Answer("DE555666778", VatCheckStatus.Unavailable);
        (await staff.PostAsync($"{V1}/clients/{moved}/vat-check", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var later = await staff.VatCheckAsync(moved, c => c.GetProperty("status").GetString() == "Unavailable");
        (later.GetProperty("confirmed").GetBoolean(), later.GetProperty("consultationNumber").GetString(), later.GetProperty("confirmedAt").GetDateTime())
            .Should().Be((true, valid.GetProperty("consultationNumber").GetString(), valid.GetProperty("confirmedAt").GetDateTime()));
        (await (await AddFundsAsync(staff, moved, 250m)).JsonAsync()).GetProperty("reverseCharge").GetBoolean().Should().BeTrue();
        await using (var db = App.CreateDbContext())
            (await db.VatChecks.Where(v => v.ClientId == moved).Select(v => v.Status).ToListAsync()).Should().Contain([VatCheckStatus.Valid, VatCheckStatus.Unavailable]);
    }

    [Fact]
    public async Task Amounts_outside_the_finance_limits_are_field_errors_and_nothing_is_written()
    {
        var (staff, _, eur) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur, "DE");
        await staff.AdjustAsync(clientId, 49_000m);

        async Task<string> RefusedAsync(decimal? amount)
        {
            var response = await AddFundsAsync(staff, clientId, amount);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
            return (await response.JsonAsync()).GetProperty("errors").GetProperty("amount")[0].GetString()!;
        }

        // The defaults of General → Finance: 5 to 10,000 at a time, a balance of at most 50,000 (EUR at rate 1).
        (await RefusedAsync(null)).Should().Be("Enter the amount to add.", "a missing amount is never taken for 0");
        (await RefusedAsync(0m)).Should().Be("Enter a positive amount.");
        (await RefusedAsync(-5m)).Should().Be("Enter a positive amount.");
        (await RefusedAsync(4.99m)).Should().Be("Add at least 5,00\u00a0€.");
        (await RefusedAsync(10_000.01m)).Should().Be("Add at most 10\u00a0000,00\u00a0€ at a time.");
        (await RefusedAsync(12.345m)).Should().Contain("2 decimal place(s)");
        (await RefusedAsync(1_000.01m)).Should().Be("The balance may reach at most 50\u00a0000,00\u00a0€: at most 1\u00a0000,00\u00a0€ can be added now.");

        (await (await staff.GetAsync($"{V1}/clients/{clientId}/invoices")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(0);
        await using (var db = App.CreateDbContext())
            (await db.Documents.CountAsync(d => d.ClientId == clientId)).Should().Be(0);
        (await AddFundsAsync(staff, clientId, 1_000m)).StatusCode.Should().Be(HttpStatusCode.Created, "up to the largest balance exactly");
        // That proforma, unpaid, will take the balance to the largest once paid: nothing more can be asked for meanwhile.
        (await RefusedAsync(5m)).Should().Be("The balance may reach at most 50\u00a0000,00\u00a0€: with 1\u00a0000,00\u00a0€ to come from unpaid proformas, at most 0,00\u00a0€ can be added now.");
        (await AddFundsAsync(staff, Guid.NewGuid(), 10m)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Each proforma takes a number of the company's series: a client (or a script with its token) could issue thousands.
    /// General → Finance says how many may wait for payment at once; staff's and the client area's add funds both keep it.
    /// </summary>
    [Fact]
    public async Task A_client_with_the_most_unpaid_proformas_is_refused_another_until_the_setting_allows_it()
    {
        var (staff, _, eur) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur, "DE");
        var owner = await App.OwnerApiClientAsync(clientId);
        Task<HttpResponseMessage> SetMostAsync(int most) => staff.PutAsJsonAsync($"{V1}/settings/general", new { finance = new { maxUnpaidProformas = most } });
        async Task<string?> RefusalAsync(HttpResponseMessage response) =>
            response.StatusCode == HttpStatusCode.BadRequest ? (await response.JsonAsync()).GetProperty("errors").GetProperty("amount")[0].GetString() : null;

        var zero = await SetMostAsync(0);
        zero.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await zero.Content.ReadAsStringAsync()).Should().Contain("finance.maxUnpaidProformas").And.Contain("Use 1 to 100 proformas.");
        (await SetMostAsync(1)).StatusCode.Should().Be(HttpStatusCode.OK);
        try
        {
            (await owner.PostAsJsonAsync("/api/client/v1/add-funds", new { amount = 20m })).StatusCode.Should().Be(HttpStatusCode.Created);
            const string waiting = "An add-funds proforma is waiting for payment already: pay it, or wait until it expires, before adding more.";
            (await RefusalAsync(await owner.PostAsJsonAsync("/api/client/v1/add-funds", new { amount = 20m }))).Should().Be(waiting);
            (await RefusalAsync(await AddFundsAsync(staff, clientId, 20m))).Should().Be(waiting, "staff's add funds keeps the same limit");
            (await RefusalAsync(await owner.GetAsync("/api/client/v1/add-funds/preview?amount=20"))).Should().Be(waiting, "the form says so before it is sent");

            (await SetMostAsync(2)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await owner.PostAsJsonAsync("/api/client/v1/add-funds", new { amount = 20m })).StatusCode.Should().Be(HttpStatusCode.Created);
            (await RefusalAsync(await AddFundsAsync(staff, clientId, 20m))).Should().StartWith("2 add-funds proformas are waiting for payment, the most allowed");
        }
        finally
        {
            (await SetMostAsync(5)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Simultaneous_add_funds_requests_never_promise_more_than_the_largest_balance()
    {
        var (staff, _, eur) = await SetUpAsync();
        var clientId = await CreateClientAsync(staff, eur, "DE");
        await staff.AdjustAsync(clientId, 49_000m);

        // Room for 1,000 under the largest balance of 50,000: five requests of 500 at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => AddFundsAsync(staff, clientId, 500m)));

        var bodies = string.Join(" | ", await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync())));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(2, bodies);
        responses.Where(r => r.StatusCode != HttpStatusCode.Created).Should().OnlyContain(r => r.StatusCode == HttpStatusCode.BadRequest, bodies);
        await using var db = App.CreateDbContext();
        (await db.Documents.Where(d => d.ClientId == clientId && d.Kind == DocumentType.Proforma).SumAsync(d => d.Subtotal)).Should().Be(1_000m);
    }

    [Fact]
    public async Task Finance_invoices_filter_by_issue_dates_company_and_client_name_and_a_document_names_what_remains()
    {
        var (staff, company, eur) = await SetUpAsync();
        var name = $"Filterwerk {Guid.NewGuid():N}"[..20] + " GmbH";
        var clientId = await CreateClientAsync(staff, eur, "DE", name);
        var first = await (await AddFundsAsync(staff, clientId, 10m)).JsonAsync();
        await AddFundsAsync(staff, clientId, 20m);
        var issued = first.Time("issuedAt");
        var day = issued.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var nextDay = issued.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var search = Uri.EscapeDataString(name[..14].ToUpperInvariant());

        async Task<int> CountAsync(string query)
        {
            var response = await staff.GetAsync($"{V1}/invoices?search={search}&{query}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.JsonAsync()).GetProperty("total").GetInt32();
        }

        (await CountAsync("")).Should().Be(2, "the search finds documents by the client's name, whatever the case");
        (await CountAsync($"issuedFrom={day}&issuedTo={nextDay}")).Should().Be(2, "from is inclusive, to exclusive");
        (await CountAsync($"issuedFrom={nextDay}")).Should().Be(0);
        (await CountAsync($"issuedTo={day}")).Should().Be(issued == issued.Date ? 0 : 2);
        (await CountAsync($"homeCompanyId={company}&kind=Proforma&status=Unpaid")).Should().Be(2);
        (await CountAsync($"homeCompanyId={Guid.NewGuid()}")).Should().Be(0);
        (await CountAsync("sort=-issuedAt")).Should().Be(2);
        var byNumber = await (await staff.GetAsync($"{V1}/invoices?search={Uri.EscapeDataString(first.GetProperty("number").GetString()!)}")).JsonAsync();
        byNumber.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).Should().Contain(first.GetProperty("id").GetGuid());
        (await (await staff.GetAsync($"{V1}/clients/{clientId}/invoices?issuedFrom={nextDay}")).JsonAsync()).GetProperty("total").GetInt32().Should().Be(0);

        var reversed = await staff.GetAsync($"{V1}/invoices?issuedFrom={nextDay}&issuedTo={day}");
        reversed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await reversed.JsonAsync()).GetProperty("errors").GetProperty("issuedTo")[0].GetString().Should().Be("The end of the issue dates comes after their start.");
        (await staff.GetAsync($"{V1}/invoices?sort=total")).StatusCode.Should().Be(HttpStatusCode.BadRequest, "sorts are whitelisted");

        var read = await (await staff.GetAsync($"{V1}/invoices/{first.GetProperty("id").GetGuid()}")).JsonAsync();
        (read.GetProperty("remaining").GetDecimal(), read.GetProperty("remainingText").GetString()).Should().Be((11.90m, "11,90\u00a0€"), "nothing is paid yet: 10 + 19 %");
        read.GetProperty("related").GetArrayLength().Should().Be(0, "an add-funds proforma follows from no other document");
    }

    [Fact]
    public async Task The_money_in_overview_counts_unpaid_proformas_and_sums_this_month_s_payment_rows_per_currency()
    {
        var (staff, _, eur) = await SetUpAsync();
        var before = await App.SendAsSystemAsync(new Core.Features.Dashboard.GetMoneyInOverview());
        var clientId = await CreateClientAsync(staff, eur, "DE");
        var proforma = await (await AddFundsAsync(staff, clientId, 100m)).JsonAsync();
        var now = proforma.Time("issuedAt");
        await using (var db = App.CreateDbContext())
        {
            // A payment row as a payment of the proforma posts it (the payments feature posts the same through the ledger).
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Core.Finance.Ledger.PostAsync(db, clientId, new Core.Finance.LedgerPosting(LedgerEntryType.Payment, 100m, "Payment of a proforma") { Gross = 119m }, now, default);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var after = await App.SendAsSystemAsync(new Core.Features.Dashboard.GetMoneyInOverview());
        decimal Eur(IReadOnlyList<Core.Features.Dashboard.CurrencyAmount> amounts) => amounts.SingleOrDefault(a => a.CurrencyCode == "EUR")?.Amount ?? 0m;
        (after.UnpaidProformas - before.UnpaidProformas).Should().Be(1);
        (Eur(after.UnpaidAmounts) - Eur(before.UnpaidAmounts)).Should().Be(119m, "what is left to pay on the proforma, taxes included");
        (Eur(after.ToppedUpThisMonth) - Eur(before.ToppedUpThisMonth)).Should().Be(100m, "a payment credits the balance net of tax");
        (after.PaymentsThisMonth - before.PaymentsThisMonth).Should().Be(1);
        after.ToppedUpThisMonth.Single(a => a.CurrencyCode == "EUR").Text.Should().EndWith("€");
    }
}

public sealed class SqliteDocumentsApiTests(SqliteManualClockAppFixture fixture) : DocumentsApiTests(fixture.App), IClassFixture<SqliteManualClockAppFixture>;

public sealed class PostgresDocumentsApiTests(PostgresManualClockAppFixture fixture) : DocumentsApiTests(fixture.App), IClassFixture<PostgresManualClockAppFixture>
{
    [Fact]
    public async Task Sixty_add_funds_at_once_for_ten_clients_get_five_proformas_each_with_unique_consecutive_numbers_and_the_database_refuses_a_repeated_number()
    {
        var (staff, company, eur) = await SetUpAsync();
        var clients = new List<Guid>();
        for (var i = 0; i < 10; i++) clients.Add(await CreateClientAsync(staff, eur, "DE"));
        await using (var before = App.CreateDbContext())
        {
            var next = await before.DocumentNumberSeries.Where(s => s.HomeCompanyId == company && s.DocumentType == DocumentType.Proforma).Select(s => s.NextNumber).SingleAsync();
            var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => AddFundsAsync(staff, clients[i % clients.Count], 10m + i)));
            // Five unpaid proformas a client is the default most (General → Finance): each client's sixth request is refused.
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.BadRequest).ToList();
            refused.Should().HaveCount(10);
            foreach (var response in refused) (await response.Content.ReadAsStringAsync()).Should().Contain("5 add-funds proformas are waiting for payment, the most allowed");
            var numbers = new List<string>();
            foreach (var response in responses.Except(refused))
            {
                response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                numbers.Add((await response.JsonAsync()).GetProperty("number").GetString()!);
            }
            (await before.Documents.Where(d => clients.Contains(d.ClientId) && d.Kind == DocumentType.Proforma).GroupBy(d => d.ClientId).Select(g => g.Count()).ToListAsync())
                .Should().HaveCount(10).And.OnlyContain(count => count == 5);
            numbers.Should().OnlyHaveUniqueItems();
            numbers.Select(n => long.Parse(n[^4..])).Order().Should().Equal(Enumerable.Range(0, 50).Select(i => next + i), "fifty numbers in a row, none skipped");
        }

        // The unique index holds the invariant too: a second document with a number already given is refused by the database.
        await using var db = App.CreateDbContext();
        var taken = await db.Documents.Where(d => d.HomeCompanyId == company && d.Kind == DocumentType.Proforma).Select(d => d.Number).FirstAsync();
        var copy = Document.Draft(DocumentType.Proforma, company, clients[0], "EUR", 2, [new DocumentLineInput("Add funds", 1m, 10m)], [],
            new DocumentParty("Hans Meier"), new DocumentParty("Puq Polska sp. z o.o."));
        copy.Issue(taken!, ManualClockAppFixture.Start, ManualClockAppFixture.Start.AddDays(14));
        db.Documents.Add(copy);
        await db.Invoking(d => d.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();
    }
}
