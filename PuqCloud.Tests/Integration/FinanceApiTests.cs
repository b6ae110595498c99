using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Finance;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>Home companies, their settings and payment gateways, tax rules, presets and matching through the admin API.</summary>
/// <remarks>The tests of a class share one app: each uses its own countries and names, and never assumes an empty rule list.</remarks>
public abstract class FinanceApiTests(PuqAppFactory app)
{
    private const string Companies = "/api/admin/v1/home-companies";
    private const string Rules = "/api/admin/v1/tax-rules";

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<JsonElement> CreateCompanyAsync(HttpClient client, string name, string? country = null)
    {
        var created = await client.PostAsJsonAsync(Companies, new { name });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var company = await created.JsonAsync();
        if (country is not null)
            (await client.PutAsJsonAsync($"{Companies}/{Id(company)}", General(name, country, isDefault: company.GetProperty("isDefault").GetBoolean()))).EnsureSuccessStatusCode();
        return company;
    }

    private static object General(string name, string country, bool isDefault) =>
        new { name, legalName = name + " sp. z o.o.", address1 = "Prosta 1", city = "Warszawa", postcode = "00-001", countryCode = country, email = "billing@example.test", isDefault };

    private static Guid Id(JsonElement e) => e.GetProperty("id").GetGuid();

    private static async Task<List<JsonElement>> ListRulesAsync(HttpClient client) =>
        (await (await client.GetAsync(Rules)).JsonAsync()).EnumerateArray().ToList();

    private static async Task<JsonElement> CreateRuleAsync(HttpClient client, Guid company, string country, string? region = null, decimal rate = 10m,
        bool privateClient = true, bool withoutId = true, bool withId = true)
    {
        var response = await client.PostAsJsonAsync(Rules, new
        {
            countryCode = country, region, appliesToPrivate = privateClient, appliesToCompanyWithoutTaxId = withoutId, appliesToCompanyWithTaxId = withId,
            individualTaxRate = true, tax1Name = "VAT", tax1Rate = rate, homeCompanyId = company,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Exactly_one_home_company_is_default_and_the_default_or_a_used_one_cannot_be_deleted()
    {
        var client = await app.SuperAdminClientAsync();
        var hadCompanies = (await (await client.GetAsync(Companies)).JsonAsync()).GetProperty("total").GetInt32() > 0;
        var first = await CreateCompanyAsync(client, Unique("First"));
        first.GetProperty("isDefault").GetBoolean().Should().Be(!hadCompanies, "the first home company becomes the default");
        first.GetProperty("numbering").EnumerateArray().Select(n => n.GetProperty("documentType").GetString()).Should().Equal("Proforma", "Invoice", "CreditNote");
        first.GetProperty("numbering")[1].GetProperty("nextExample").GetString().Should().Be($"INV-{DateTime.UtcNow.Year}-00001");

        var second = await CreateCompanyAsync(client, Unique("Second"));
        second.GetProperty("isDefault").GetBoolean().Should().BeFalse();
        var made = await client.PutAsJsonAsync($"{Companies}/{Id(second)}", General(second.GetProperty("name").GetString()!, "PL", isDefault: true));
        made.StatusCode.Should().Be(HttpStatusCode.OK);
        (await made.JsonAsync()).GetProperty("countryCode").GetString().Should().Be("PL");
        var defaults = (await (await client.GetAsync($"{Companies}?pageSize=200")).JsonAsync()).GetProperty("items").EnumerateArray().Where(c => c.GetProperty("isDefault").GetBoolean()).ToList();
        defaults.Should().ContainSingle().Which.GetProperty("id").GetGuid().Should().Be(Id(second));

        // The default cannot be switched off directly, nor deleted.
        var off = await client.PutAsJsonAsync($"{Companies}/{Id(second)}", General("Second", "PL", isDefault: false));
        off.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.DeleteAsync($"{Companies}/{Id(second)}")).StatusCode.Should().Be(HttpStatusCode.Conflict);

        // A company that bills through a tax rule cannot be deleted either; without the rule it can.
        var rule = await CreateRuleAsync(client, Id(first), "JP");
        var refused = await client.DeleteAsync($"{Companies}/{Id(first)}");
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await refused.JsonAsync()).GetProperty("detail").GetString().Should().Contain("1 tax rule");
        (await client.DeleteAsync($"{Rules}/{Id(rule)}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"{Companies}/{Id(first)}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"{Companies}/{Id(first)}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Settings_tabs_are_saved_and_checked_field_by_field()
    {
        var client = await app.SuperAdminClientAsync();
        var id = Id(await CreateCompanyAsync(client, Unique("Settings")));

        var badGeneral = await client.PutAsJsonAsync($"{Companies}/{id}", new { name = "", address1 = "", city = "X", countryCode = "ZZ", website = "example" });
        badGeneral.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var generalErrors = (await badGeneral.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "address1", "countryCode", "website" }) generalErrors.TryGetProperty(field, out _).Should().BeTrue(field);

        var tax = await client.PutAsJsonAsync($"{Companies}/{id}/tax-settings", new { euVatId = "pl 123 456 78 90", taxNumber = "123-456-78-90", registrationNumber = "KRS 0000123456", countryTaxNote = "Share capital 5,000 PLN" });
        tax.StatusCode.Should().Be(HttpStatusCode.OK);
        (await tax.JsonAsync()).GetProperty("euVatId").GetString().Should().Be("PL1234567890");

        var badMail = await client.PutAsJsonAsync($"{Companies}/{id}/email-settings", new { senderEmail = "not-mail", bccEmails = "a@example.test, nope" });
        badMail.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var mailErrors = (await badMail.JsonAsync()).GetProperty("errors");
        mailErrors.TryGetProperty("senderEmail", out _).Should().BeTrue();
        mailErrors.TryGetProperty("bccEmails", out _).Should().BeTrue();
        var mail = await client.PutAsJsonAsync($"{Companies}/{id}/email-settings", new { senderName = "Billing", senderEmail = "billing@example.test", replyToEmail = "help@example.test", bccEmails = "a@example.test; b@example.test" });
        (await mail.JsonAsync()).GetProperty("bccEmails").GetString().Should().Be("a@example.test, b@example.test");

        var badNumbers = await client.PutAsJsonAsync($"{Companies}/{id}/invoice-settings", new
        {
            numbering = new[] { new { documentType = "Invoice", format = "INV-{NUMBER}", nextNumber = 0, resetPolicy = "Yearly" } }, paperSize = "A4",
        });
        badNumbers.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var numberErrors = (await badNumbers.JsonAsync()).GetProperty("errors");
        numberErrors.GetProperty("numbering[0].format")[0].GetString().Should().Contain("{YEAR}");
        numberErrors.TryGetProperty("numbering[0].nextNumber", out _).Should().BeTrue();

        var saved = await client.PutAsJsonAsync($"{Companies}/{id}/invoice-settings", new
        {
            numbering = new[]
            {
                new { documentType = "Proforma", format = "P/{NUMBER}", nextNumber = 7L, resetPolicy = "Never" },
                new { documentType = "Invoice", format = "FV/{YEAR}/{MONTH}/{NUMBER:4}", nextNumber = 120L, resetPolicy = "Monthly" },
                new { documentType = "CreditNote", format = "CN-{YEAR}-{NUMBER:3}", nextNumber = 1L, resetPolicy = "Yearly" },
            },
            addFundsItemText = "Add funds", refundItemText = "Refund", paperSize = "Letter",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.OK);
        var company = await saved.JsonAsync();
        company.GetProperty("paperSize").GetString().Should().Be("Letter");
        var now = DateTime.UtcNow;
        company.GetProperty("numbering").EnumerateArray().Select(n => n.GetProperty("nextExample").GetString())
            .Should().Equal("P/7", $"FV/{now:yyyy}/{now:MM}/0120", $"CN-{now:yyyy}-001");

        // A null in the list was a 500 (NullReferenceException); it is left out like a series not sent.
        (await client.PutAsJsonAsync($"{Companies}/{id}/invoice-settings", new { numbering = new object?[] { null } })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logo_and_signature_are_checked_stored_and_go_with_the_company()
    {
        var client = await app.SuperAdminClientAsync();
        var id = Id(await CreateCompanyAsync(client, Unique("Pictures")));

        var logo = await client.PutImageAsync($"{Companies}/{id}/images/Logo", ImageUploads.TinyPng, "logo.png", "image/png");
        logo.StatusCode.Should().Be(HttpStatusCode.OK);
        var path = (await logo.JsonAsync()).GetProperty("path").GetString();
        path.Should().StartWith("home-companies/");
        (await (await client.GetAsync($"{Companies}/{id}")).JsonAsync()).GetProperty("logoPath").GetString().Should().Be(path);
        (await app.CreateClient().GetAsync("/files/images/" + path)).StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await client.PutImageAsync($"{Companies}/{id}/images/Signature", "%PDF-1.7"u8.ToArray(), "logo.png", "image/png");
        text.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await text.JsonAsync()).GetProperty("errors").TryGetProperty("content", out _).Should().BeTrue();

        // Deleting the company deletes its pictures.
        (await client.DeleteAsync($"{Companies}/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.CreateClient().GetAsync("/files/images/" + path)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Payment_gateways_need_an_active_payment_module_and_a_key_of_their_own()
    {
        var client = await app.SuperAdminClientAsync();
        var id = Id(await CreateCompanyAsync(client, Unique("Gateways")));
        var gateways = $"{Companies}/{id}/payment-gateways";
        var modules = await client.GetAsync($"/api/admin/v1/modules");
        if ((await modules.JsonAsync()).EnumerateArray().Single(m => m.GetProperty("key").GetString() == TestPaymentModule.Key).GetProperty("state").GetString() == "Active")
            (await client.PostAsync($"/api/admin/v1/modules/{TestPaymentModule.Key}/deactivate", null)).EnsureSuccessStatusCode();

        var inactive = await client.PostAsJsonAsync(gateways, new { key = "test_main", moduleKey = TestPaymentModule.Key });
        inactive.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await inactive.JsonAsync()).GetProperty("errors").GetProperty("moduleKey")[0].GetString().Should().Contain("active payment module");
        var notPayment = await client.PostAsJsonAsync(gateways, new { key = "test_main", moduleKey = "sample-product" });
        notPayment.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await client.GetAsync($"{Companies}/payment-modules")).JsonAsync()).EnumerateArray().Should().NotContain(m => m.GetProperty("key").GetString() == TestPaymentModule.Key);

        (await client.PostAsync($"/api/admin/v1/modules/{TestPaymentModule.Key}/activate", null)).EnsureSuccessStatusCode();
        (await (await client.GetAsync($"{Companies}/payment-modules")).JsonAsync()).EnumerateArray().Select(m => m.GetProperty("key").GetString()).Should().Equal(TestPaymentModule.Key);
        var created = await client.PostAsJsonAsync(gateways, new { key = "test_main", moduleKey = TestPaymentModule.Key });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var gateway = await created.JsonAsync();
        gateway.GetProperty("moduleName").GetString().Should().Be("Test Payment");
        var duplicate = await client.PostAsJsonAsync(gateways, new { key = "test_main", moduleKey = TestPaymentModule.Key });
        duplicate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await duplicate.JsonAsync()).GetProperty("errors").TryGetProperty("key", out _).Should().BeTrue();
        (await client.PostAsJsonAsync(gateways, new { key = "Bad Key", moduleKey = TestPaymentModule.Key })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        (await (await client.GetAsync(gateways)).JsonAsync()).EnumerateArray().Select(g => g.GetProperty("key").GetString()).Should().Equal("test_main");

        // Its module cannot be switched off under a gateway that is on: payers would be sent to it and its webhooks refused.
        var deactivate = $"/api/admin/v1/modules/{TestPaymentModule.Key}/deactivate";
        var inUse = await client.PostAsync(deactivate, null);
        inUse.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await inUse.Content.ReadAsStringAsync()).Should().Contain("test_main");
        (await client.PutAsJsonAsync($"{gateways}/{Id(gateway)}", new { isEnabled = false })).EnsureSuccessStatusCode();
        (await client.PostAsync(deactivate, null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync($"/api/admin/v1/modules/{TestPaymentModule.Key}/activate", null)).EnsureSuccessStatusCode();
        (await client.DeleteAsync($"{gateways}/{Id(gateway)}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await client.GetAsync(gateways)).JsonAsync()).EnumerateArray().Should().BeEmpty();
    }

    [Fact]
    public async Task Reordering_rules_changes_which_one_applies_and_a_broader_rule_above_is_flagged()
    {
        var client = await app.SuperAdminClientAsync();
        var north = Id(await CreateCompanyAsync(client, Unique("North")));
        var oslo = await CreateRuleAsync(client, north, "NO", "NO-03", rate: 12.5m);
        var norway = await CreateRuleAsync(client, north, "NO", rate: 25m);

        var match = await (await client.GetAsync($"{Rules}/match?country=NO&region=NO-03&clientType=Private")).JsonAsync();
        match.GetProperty("rule").GetProperty("id").GetGuid().Should().Be(Id(oslo));
        match.GetProperty("totalRate").GetDecimal().Should().Be(12.5m);
        match.GetProperty("homeCompanyId").GetGuid().Should().Be(north);
        (await ListRulesAsync(client)).Single(r => Id(r) == Id(norway)).GetProperty("shadowedBy").ValueKind.Should().Be(JsonValueKind.Null);

        // Norway above Oslo: the country-wide rule now wins, and the list flags Oslo's rule as shadowed.
        var ids = (await ListRulesAsync(client)).Select(Id).ToList();
        ids.Remove(Id(norway));
        ids.Insert(ids.IndexOf(Id(oslo)), Id(norway));
        var reordered = await client.PostAsJsonAsync($"{Rules}/reorder", new { ids });
        reordered.StatusCode.Should().Be(HttpStatusCode.OK);
        var list = (await reordered.JsonAsync()).EnumerateArray().ToList();
        list.Select(Id).Should().Equal(ids);
        list.Select(r => r.GetProperty("position").GetInt32()).Should().Equal(Enumerable.Range(1, ids.Count));
        var osloRow = list.Single(r => Id(r) == Id(oslo));
        osloRow.GetProperty("shadowedBy").GetInt32().Should().Be(list.Single(r => Id(r) == Id(norway)).GetProperty("position").GetInt32());
        match = await (await client.GetAsync($"{Rules}/match?country=NO&region=NO-03&clientType=Private")).JsonAsync();
        match.GetProperty("rule").GetProperty("id").GetGuid().Should().Be(Id(norway));
        match.GetProperty("taxes")[0].GetProperty("rate").GetDecimal().Should().Be(25m);

        // The order must name exactly all rules, each once.
        (await client.PostAsJsonAsync($"{Rules}/reorder", new { ids = ids.Skip(1) })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync($"{Rules}/reorder", new { ids = ids.Append(ids[0]) })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PostAsJsonAsync($"{Rules}/reorder", new { ids = ids.Skip(1).Append(Guid.NewGuid()) })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rule_fields_are_checked()
    {
        var client = await app.SuperAdminClientAsync();

        var response = await client.PostAsJsonAsync(Rules, new
        {
            countryCode = "NO", region = "PL-14", appliesToPrivate = false, tax1Rate = 5.1234m, tax2Name = "PST", tax3Rate = 120m, homeCompanyId = Guid.NewGuid(),
        });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "region", "appliesToPrivate", "tax1Name", "tax1Rate", "tax2Rate", "tax3Name", "tax3Rate", "homeCompanyId" })
            errors.TryGetProperty(field, out _).Should().BeTrue(field);
        (await client.GetAsync($"{Rules}/match?country=&clientType=Private")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Presets_create_eu_and_canadian_rules_once_and_the_client_is_matched_by_its_billing_address()
    {
        var client = await app.SuperAdminClientAsync();
        var nowhere = Id(await CreateCompanyAsync(client, Unique("Nowhere")));
        var noCountry = await client.PostAsJsonAsync($"{Rules}/presets/eu", new { homeCompanyId = nowhere });
        noCountry.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noCountry.JsonAsync()).GetProperty("errors").GetProperty("homeCompanyId")[0].GetString().Should().Contain("country");
        var euCompany = Id(await CreateCompanyAsync(client, Unique("Europe"), country: "PL"));

        var eu = await (await client.PostAsJsonAsync($"{Rules}/presets/eu", new { homeCompanyId = euCompany })).JsonAsync();
        eu.GetProperty("created").GetInt32().Should().Be(27 + 26, "two rules per member state, one at home");
        eu.GetProperty("skipped").GetInt32().Should().Be(0);
        eu.GetProperty("asOf").GetString().Should().Be(TaxPresets.Eu.AsOf);
        var again = await (await client.PostAsJsonAsync($"{Rules}/presets/eu", new { homeCompanyId = euCompany })).JsonAsync();
        again.GetProperty("created").GetInt32().Should().Be(0);
        again.GetProperty("skipped").GetInt32().Should().Be(53);

        var reverseCharge = await (await client.GetAsync($"{Rules}/match?country=DE&clientType=CompanyWithTaxId")).JsonAsync();
        reverseCharge.GetProperty("taxes").GetArrayLength().Should().Be(0);
        reverseCharge.GetProperty("homeCompanyId").GetGuid().Should().Be(euCompany);
        var home = await (await client.GetAsync($"{Rules}/match?country=PL&clientType=CompanyWithTaxId")).JsonAsync();
        home.GetProperty("totalRate").GetDecimal().Should().Be(23m);

        var caCompany = Id(await CreateCompanyAsync(client, Unique("Canada"), country: "CA"));
        var canada = await (await client.PostAsJsonAsync($"{Rules}/presets/canada", new { homeCompanyId = caCompany })).JsonAsync();
        canada.GetProperty("created").GetInt32().Should().Be(13);
        var quebec = await (await client.GetAsync($"{Rules}/match?country=CA&region=CA-QC&clientType=Private")).JsonAsync();
        quebec.GetProperty("totalRate").GetDecimal().Should().Be(14.975m);
        quebec.GetProperty("homeCompanyName").GetString().Should().StartWith("Canada");

        // A real client: a company with a tax ID billed in Germany gets the reverse-charge rule.
        var currency = (await (await client.GetAsync("/api/admin/v1/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var created = await client.PostAsJsonAsync("/api/admin/v1/clients", new
        {
            owner = new { email = $"tax-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" }, firstName = "Tax", lastName = "Payer",
            companyName = "Berlin GmbH", taxId = "DE123456789", language = "en", currencyId = currency, status = "Active",
            billingAddress = new { address1 = "Unter den Linden 1", city = "Berlin", countryCode = "DE", region = "DE-BE" },
        });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var berlin = Id(await created.JsonAsync());
        // As its documents would be: until VIES confirms the VAT ID, a company without one (German VAT); then the reverse charge.
        await client.VatCheckAsync(berlin, c => c.GetProperty("confirmed").GetBoolean());
        var byClient = await (await client.GetAsync($"{Rules}/match?clientId={berlin}")).JsonAsync();
        (byClient.GetProperty("reverseCharge").GetBoolean(), byClient.GetProperty("totalRate").GetDecimal()).Should().Be((true, 0m));
        byClient.GetProperty("clientType").GetString().Should().Be("CompanyWithTaxId");
        byClient.GetProperty("country").GetString().Should().Be("DE");
        byClient.GetProperty("clientName").GetString().Should().Be("Berlin GmbH");
        byClient.GetProperty("homeCompanyId").GetGuid().Should().Be(euCompany);
        (await client.GetAsync($"{Rules}/match?clientId={Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var unconfirmed = await client.PostAsJsonAsync("/api/admin/v1/clients", new
        {
            owner = new { email = $"tax-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" }, firstName = "Tax", lastName = "Payer",
            companyName = "Fake GmbH", taxId = "DE123456000", language = "en", currencyId = currency, status = "Active",
            billingAddress = new { address1 = "Unter den Linden 2", city = "Berlin", countryCode = "DE", region = "DE-BE" },
        });
        var fake = Id(await unconfirmed.JsonAsync());
        await client.VatCheckAsync(fake, c => c.GetProperty("status").GetString() == "Invalid");
        var byFake = await (await client.GetAsync($"{Rules}/match?clientId={fake}")).JsonAsync();
        (byFake.GetProperty("clientType").GetString(), byFake.GetProperty("reverseCharge").GetBoolean(), byFake.GetProperty("totalRate").GetDecimal())
            .Should().Be(("CompanyWithoutTaxId", false, 19m), "VIES found no such VAT ID: German VAT, as on its documents");
    }

    [Fact]
    public async Task Without_a_matching_rule_there_are_no_taxes_and_the_default_company_bills()
    {
        var client = await app.SuperAdminClientAsync();
        await CreateCompanyAsync(client, Unique("Any"));
        var defaultId = (await (await client.GetAsync($"{Companies}?pageSize=200")).JsonAsync()).GetProperty("items").EnumerateArray().Single(c => c.GetProperty("isDefault").GetBoolean()).GetProperty("id").GetGuid();

        var match = await (await client.GetAsync($"{Rules}/match?country=BR&clientType=CompanyWithoutTaxId")).JsonAsync();

        match.GetProperty("rule").ValueKind.Should().Be(JsonValueKind.Null);
        match.GetProperty("taxes").GetArrayLength().Should().Be(0);
        match.GetProperty("billedByDefaultCompany").GetBoolean().Should().BeTrue();
        match.GetProperty("homeCompanyId").GetGuid().Should().Be(defaultId);
    }

    [Fact]
    public async Task Two_concurrent_takers_never_get_the_same_document_number()
    {
        var client = await app.SuperAdminClientAsync();
        var id = Id(await CreateCompanyAsync(client, Unique("Numbers")));
        var at = DateTime.UtcNow;

        var numbers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
        {
            await using var db = app.CreateDbContext();
            return await DocumentNumbers.TakeNextAsync(db, id, DocumentType.Invoice, at);
        })));

        numbers.Should().OnlyHaveUniqueItems();
        numbers.Order().Should().Equal(Enumerable.Range(1, 24).Select(n => DocumentNumbering.Render("INV-{YEAR}-{NUMBER:5}", n, at)));
        var company = await (await client.GetAsync($"{Companies}/{id}")).JsonAsync();
        company.GetProperty("numbering")[1].GetProperty("nextNumber").GetInt64().Should().Be(25);
    }

    [Fact]
    public async Task Each_action_needs_its_permission()
    {
        var companyViewer = await app.StaffClientWithAsync(Permissions.HomeCompaniesView);
        (await companyViewer.GetAsync(Companies)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await companyViewer.PostAsJsonAsync(Companies, new { name = Unique("Nope") })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await companyViewer.GetAsync(Rules)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var editor = await app.StaffClientWithAsync(Permissions.HomeCompaniesView, Permissions.HomeCompaniesCreate);
        var id = Id(await CreateCompanyAsync(editor, Unique("Perm")));
        (await editor.PutAsJsonAsync($"{Companies}/{id}/email-settings", new { senderName = "X" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await editor.DeleteAsync($"{Companies}/{id}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var ruleViewer = await app.StaffClientWithAsync(Permissions.TaxRulesView);
        (await ruleViewer.GetAsync(Rules)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ruleViewer.GetAsync($"{Rules}/match?country=PL&clientType=Private")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ruleViewer.PostAsJsonAsync($"{Rules}/reorder", new { ids = Array.Empty<Guid>() })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ruleViewer.PostAsJsonAsync($"{Rules}/presets/eu", new { homeCompanyId = id })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ruleViewer.PostAsJsonAsync(Rules, new { countryCode = "PL", homeCompanyId = id })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var nobody = await app.StaffClientWithAsync();
        (await nobody.GetAsync(Companies)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await nobody.GetAsync($"{Rules}/match?country=PL&clientType=Private")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}

public sealed class SqliteFinanceAppFixture : IAsyncLifetime
{
    public PuqAppFactory App { get; private set; } = default!;
    public async Task InitializeAsync() => App = await PuqAppFactory.StartAsync(TestDatabase.Sqlite, services: TestPaymentModule.Register);
    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class PostgresFinanceAppFixture : IAsyncLifetime
{
    public PuqAppFactory App { get; private set; } = default!;
    public async Task InitializeAsync() => App = await PuqAppFactory.StartAsync(TestDatabase.Postgres, services: TestPaymentModule.Register);
    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class SqliteFinanceApiTests(SqliteFinanceAppFixture fixture) : FinanceApiTests(fixture.App), IClassFixture<SqliteFinanceAppFixture>;

public sealed class PostgresFinanceApiTests(PostgresFinanceAppFixture fixture) : FinanceApiTests(fixture.App), IClassFixture<PostgresFinanceAppFixture>;
