using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Product.Sample;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The contract of every PUT of the admin API: it changes only the fields it sends. A field left out, or sent as null,
/// keeps its value; "" empties an optional text, [] a list. Each test gives a record a value other than the old
/// defaults in every field it can, then sends the PUT once per field with that field left out (and once with it null,
/// and once as {}), every other field at its current value, and reads the record back unchanged.
/// </summary>
public abstract class UpdateContractTests(PuqAppFactory app)
{
    private const string V1 = "/api/admin/v1";
    private const string Password = "Contract-password-123";

    /// <summary>
    /// What a PUT does not set: timestamps and revisions of the write (moved by any change), and what a schedule's runs and
    /// the clock derive.
    /// </summary>
    private static readonly HashSet<string> Ignored = ["updatedAt", "revision", "nextRunAt", "lastRunAt", "lastOutcome"];

    private static string Email(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task An_administrator_keeps_every_field_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var groups = new[] { await CreateGroupIdAsync(client), await CreateGroupIdAsync(client) };
        var id = await client.CreateForIdAsync($"{V1}/admins", new
        {
            email = Email("admin"), firstName = "Nina", lastName = "Nowak", language = "pl", groupIds = groups, isSuperAdmin = true,
            password = Password, confirmPassword = Password,
        });
        var url = $"{V1}/admins/{id}";
        Task<JsonNode> Read() => GetAsync(client, url);
        var setup = AdminBody(await GetAsync(client, url));
        setup["status"] = "Disabled";
        setup["allowedIps"] = "10.0.0.0/8\n192.168.1.7";
        await PutAsync(client, url, setup);
        var admin = await GetAsync(client, url);
        admin["status"]!.GetValue<string>().Should().Be("Disabled");
        admin["groups"]!.AsArray().Should().HaveCount(2);

        await EachFieldLeftOutKeepsTheRecordAsync(client, url, AdminBody(admin), Read);

        await PutChangesOnlyAsync(client, url, Read, new { firstName = "Nadia" }, expected =>
        {
            expected["firstName"] = "Nadia";
            expected["name"] = "Nadia Nowak";
        });
        await PutChangesOnlyAsync(client, url, Read, new { allowedIps = "" }, expected => expected["allowedIps"] = null);
        await PutChangesOnlyAsync(client, url, Read, new { groupIds = Array.Empty<Guid>() }, expected => expected["groups"] = new JsonArray());
    }

    [Fact]
    public async Task An_administrator_group_keeps_every_field_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await client.CreateForIdAsync($"{V1}/groups", new { name = Unique("Support"), type = "Staff", description = "Answers tickets" });
        var url = $"{V1}/groups/{id}";
        Task<JsonNode> Read() => GetAsync(client, url);
        var setup = Pick(await Read(), "name", "description");
        setup["permissions"] = new JsonArray(Permissions.DashboardView, Permissions.ClientsView);
        await PutAsync(client, url, setup);

        await EachFieldLeftOutKeepsTheRecordAsync(client, url, Pick(await Read(), "name", "description", "permissions"), Read);
        await PutChangesOnlyAsync(client, url, Read, new { description = "" }, expected => expected["description"] = null);
    }

    [Fact]
    public async Task A_user_keeps_every_field_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await client.CreateForIdAsync($"{V1}/users", new
        {
            email = Email("user"), password = Password, firstName = "Ula", lastName = "User", phone = "+48 600 100 200", language = "pl", adminNotes = "Calls on Mondays",
        });
        var url = $"{V1}/users/{id}";
        Task<JsonNode> Read() => GetAsync(client, url);
        var setup = UserBody(await GetAsync(client, url));
        setup["status"] = "Disabled";
        setup["emailVerified"] = true;
        setup["phoneVerified"] = true;
        await PutAsync(client, url, setup);
        var user = await GetAsync(client, url);
        user["status"]!.GetValue<string>().Should().Be("Disabled");
        user["phoneVerified"]!.GetValue<bool>().Should().BeTrue();

        await EachFieldLeftOutKeepsTheRecordAsync(client, url, UserBody(user), Read);

        await PutChangesOnlyAsync(client, url, Read, new { status = "Active" }, expected => expected["status"] = "Active");
        await PutChangesOnlyAsync(client, url, Read, new { adminNotes = "" }, expected => expected["adminNotes"] = null);
        // Without a phone number there is nothing verified to keep.
        await PutChangesOnlyAsync(client, url, Read, new { phone = "", phoneVerified = false }, expected =>
        {
            expected["phone"] = null;
            expected["phoneVerified"] = false;
        });
    }

    private async Task WaitForVatChecksAsync(Guid clientId)
    {
        var tag = $"client:{clientId}";
        for (var i = 0; i < 200; i++)
        {
            await using var db = app.CreateDbContext();
            if (!await db.QueuedTasks.AnyAsync(t => t.Name == PuqCloud.Core.Finance.Vies.VatIdChecks.TaskName && t.Tags!.Contains(tag)
                    && (t.Status == PuqCloud.Core.Domain.Engine.QueuedTaskStatus.Queued || t.Status == PuqCloud.Core.Domain.Engine.QueuedTaskStatus.Processing)))
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException("The client's VAT ID check never finished.");
    }

    [Fact]
    public async Task A_client_keeps_every_field_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateClientAsync(client);
        var url = $"{V1}/clients/{id}";
        Task<JsonNode> Read() => GetAsync(client, url);
        var setup = ClientBody(await GetAsync(client, url));
        setup["status"] = "Closed";
        setup["adminNotes"] = "Pays by bank transfer";
        await PutAsync(client, url, setup);
        // The VAT ID is checked by a queued task: it must have answered before the record is compared, or the check's time
        // changes under the comparison.
        await WaitForVatChecksAsync(id);
        var record = await GetAsync(client, url);
        record["status"]!.GetValue<string>().Should().Be("Closed");
        record["language"]!.GetValue<string>().Should().Be("pl");

        await EachFieldLeftOutKeepsTheRecordAsync(client, url, ClientBody(record), Read);

        await PutChangesOnlyAsync(client, url, Read, new { status = "Active" }, expected => expected["status"] = "Active");
        await PutChangesOnlyAsync(client, url, Read, new { companyName = "" }, expected =>
        {
            expected["companyName"] = null;
            expected["name"] = "Olga Owner";
        });
    }

    [Fact]
    public async Task A_client_address_and_a_members_permissions_keep_what_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await CreateClientAsync(client);
        var addressId = await client.CreateForIdAsync($"{V1}/clients/{id}/addresses", new
        {
            type = "Shipping", name = "Warehouse", contactName = "Piotr", phone = "+48 58 123 45 67", email = "warehouse@example.test",
            address1 = "Portowa 5", address2 = "Hala B", city = "Gdynia", postcode = "81-001", countryCode = "PL", region = "PL-22",
        });
        var addressUrl = $"{V1}/clients/{id}/addresses/{addressId}";
        Task<JsonNode> ReadAddress() => ItemAsync(client, $"{V1}/clients/{id}/addresses", "id", addressId);
        await EachFieldLeftOutKeepsTheRecordAsync(client, addressUrl,
            Pick(await ReadAddress(), "type", "name", "contactName", "phone", "email", "address1", "address2", "city", "postcode", "countryCode", "region"), ReadAddress);
        await PutChangesOnlyAsync(client, addressUrl, ReadAddress, new { address2 = "" }, expected => expected["address2"] = null);

        var member = await client.PostAsJsonAsync($"{V1}/clients/{id}/users", new
        {
            email = Email("member"), permissions = new[] { ClientPermissions.ModifyProfile, ClientPermissions.ViewTransactions }, firstName = "Marek", lastName = "Member",
            password = Password,
        });
        member.StatusCode.Should().Be(HttpStatusCode.Created, await member.Content.ReadAsStringAsync());
        var userId = (await member.JsonAsync()).GetProperty("userId").GetGuid();
        var memberUrl = $"{V1}/clients/{id}/users/{userId}";
        Task<JsonNode> ReadMember() => ItemAsync(client, $"{V1}/clients/{id}/users", "userId", userId);
        await EachFieldLeftOutKeepsTheRecordAsync(client, memberUrl, Pick(await ReadMember(), "permissions"), ReadMember);
        await PutChangesOnlyAsync(client, memberUrl, ReadMember, new { permissions = Array.Empty<string>() }, expected => expected["permissions"] = new JsonArray());
    }

    [Fact]
    public async Task A_currency_keeps_every_field_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await client.CreateForIdAsync($"{V1}/currencies", new { code = "SEK", prefix = "kr", suffix = "SEK", exchangeRate = 11.5m, format = "SpaceComma", decimals = 3 });
        var url = $"{V1}/currencies/{id}";

        await EachFieldLeftOutKeepsTheRecordAsync(client, url,
            Pick(await GetAsync(client, url), "code", "prefix", "suffix", "exchangeRate", "format", "isDefault", "decimals"), () => GetAsync(client, url));
        var before = await GetAsync(client, url);
        await PutAsync(client, url, new { suffix = "" });
        var after = await GetAsync(client, url);
        after["suffix"].Should().BeNull();
        Pick(after, "code", "prefix", "exchangeRate", "format", "isDefault", "decimals").ToJsonString()
            .Should().Be(Pick(before, "code", "prefix", "exchangeRate", "format", "isDefault", "decimals").ToJsonString());
    }

    [Fact]
    public async Task A_product_its_prices_option_group_order_and_module_settings_keep_what_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await client.CreateForIdAsync($"{V1}/products", new { key = CatalogApiSteps.NewKey("contract") });
        var url = $"{V1}/products/{id}";
        await PutAsync(client, url, new
        {
            name = new { en = "Cloud VPS", pl = "Chmura VPS" }, description = new { en = "A small machine." },
            isVisible = true, isActive = true, isHidden = true, isRetired = true, stockControl = true, stockQuantity = 7, hourlyBilling = true, allowIdle = true,
            terminationDelayHours = 48, cancellationDelayHours = 12, notifyWelcome = false, notifySuspension = false, notifyUnsuspension = false,
            notifyTermination = false, notifyCancellation = false,
        });
        await EachFieldLeftOutKeepsTheRecordAsync(client, url, Pick(await GetAsync(client, url), "key", "name", "description", "isVisible", "isActive", "isHidden",
            "isRetired", "stockControl", "stockQuantity", "hourlyBilling", "allowIdle", "terminationDelayHours", "cancellationDelayHours", "notifyWelcome",
            "notifySuspension", "notifyUnsuspension", "notifyTermination", "notifyCancellation", "convertPrice"), () => GetAsync(client, url));
        await PutChangesOnlyAsync(client, url, () => GetAsync(client, url), new { description = new { } }, expected => expected["description"] = new JsonObject());

        var usd = (await (await client.GetAsync($"{V1}/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var priceId = await client.CreateForIdAsync($"{url}/prices", new
        {
            currencyId = usd, period = "Annually", setup = 1.5m, @base = 120m, idle = 2m, switchDown = 0.5m, switchUp = 0.75m, uninstall = 3m,
        });
        Task<JsonNode> ReadPrice() => ItemAsync(client, $"{url}/prices", "id", priceId);
        await EachFieldLeftOutKeepsTheRecordAsync(client, $"{url}/prices/{priceId}",
            Pick(await ReadPrice(), "currencyId", "period", "setup", "base", "idle", "switchDown", "switchUp", "uninstall"), ReadPrice);

        var first = await client.CreateForIdAsync($"{V1}/option-groups", new { key = CatalogApiSteps.NewKey("first"), name = new { en = "First" } });
        var second = await client.CreateForIdAsync($"{V1}/option-groups", new { key = CatalogApiSteps.NewKey("second"), name = new { en = "Second" } });
        foreach (var group in new[] { first, second })
            (await client.PostAsJsonAsync($"{url}/option-groups", new { optionGroupId = group })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.PutAsJsonAsync($"{url}/option-groups/order", new { optionGroupIds = new[] { second, first } })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        Task<JsonNode> ReadOrder() => GetAsync(client, $"{url}/option-groups");
        var order = new JsonObject { ["optionGroupIds"] = new JsonArray(second.ToString(), first.ToString()) };
        await EachFieldLeftOutKeepsTheRecordAsync(client, $"{url}/option-groups/order", order, ReadOrder);
        (await ReadOrder()).AsArray().Select(g => g!["optionGroupId"]!.GetValue<Guid>()).Should().Equal(second, first);

        await ActivateAsync(client, SampleProductModule.Key);
        var settings = $"{url}/module-settings";
        await PutAsync(client, settings, new { moduleKey = SampleProductModule.Key, values = new Dictionary<string, string?> { ["plan"] = "large", ["diskGb"] = "80", ["rootPassword"] = "root-secret-1" } });
        Task<JsonNode> ReadSettings() => GetAsync(client, settings);
        var saved = await ReadSettings();
        saved["fields"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "rootPassword")!["isSet"]!.GetValue<bool>().Should().BeTrue();
        await EachFieldLeftOutKeepsTheRecordAsync(client, settings, new JsonObject { ["moduleKey"] = SampleProductModule.Key, ["values"] = Form(saved) }, ReadSettings);
        // "" chooses no module: the product's settings go.
        await PutAsync(client, settings, new { moduleKey = "" });
        (await GetAsync(client, url))["moduleKey"].Should().BeNull();
    }

    [Fact]
    public async Task Catalog_groups_attributes_options_and_option_prices_keep_what_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var productGroup = $"{V1}/product-groups/{await client.CreateForIdAsync($"{V1}/product-groups", new { key = CatalogApiSteps.NewKey("group") })}";
        await PutAsync(client, productGroup, new
        {
            name = new { en = "Virtual servers", pl = "Serwery" }, description = new { en = "KVM plans" }, isVisible = true,
            listView = "table", orderView = "step-by-step", manageView = "compact",
        });
        await EachFieldLeftOutKeepsTheRecordAsync(client, productGroup,
            Pick(await GetAsync(client, productGroup), "key", "name", "description", "isVisible", "listView", "orderView", "manageView"), () => GetAsync(client, productGroup));

        var attributeGroupId = await client.CreateForIdAsync($"{V1}/attribute-groups", new
        {
            key = CatalogApiSteps.NewKey("network"), name = new { en = "Network" }, description = new { en = "What the network offers" }, isVisible = true,
        });
        var attributeGroup = $"{V1}/attribute-groups/{attributeGroupId}";
        await EachFieldLeftOutKeepsTheRecordAsync(client, attributeGroup, Pick(await GetAsync(client, attributeGroup), "key", "name", "description", "isVisible"),
            () => GetAsync(client, attributeGroup));
        var attributeId = await client.CreateForIdAsync($"{attributeGroup}/attributes", new { key = CatalogApiSteps.NewKey("ipv6"), name = new { en = "IPv6" }, isVisible = true });
        Task<JsonNode> ReadAttribute() => ItemAsync(client, $"{attributeGroup}/attributes", "id", attributeId);
        await EachFieldLeftOutKeepsTheRecordAsync(client, $"{attributeGroup}/attributes/{attributeId}", Pick(await ReadAttribute(), "key", "name", "isVisible"), ReadAttribute);

        var optionGroupId = await client.CreateForIdAsync($"{V1}/option-groups", new
        {
            key = CatalogApiSteps.NewKey("firewall"), name = new { en = "Firewall" }, description = new { en = "Filters traffic" },
        });
        var optionGroup = $"{V1}/option-groups/{optionGroupId}";
        await EachFieldLeftOutKeepsTheRecordAsync(client, optionGroup, Pick(await GetAsync(client, optionGroup), "key", "name", "description"), () => GetAsync(client, optionGroup));
        var optionId = await client.CreateForIdAsync($"{optionGroup}/options", new { key = "level-1", name = new { en = "Level 1", pl = "Poziom 1" } });
        var option = $"{optionGroup}/options/{optionId}";
        await EachFieldLeftOutKeepsTheRecordAsync(client, option, Pick(await GetAsync(client, option), "key", "name"), () => GetAsync(client, option));
        var usd = (await (await client.GetAsync($"{V1}/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        var priceId = await client.CreateForIdAsync($"{option}/prices", new { currencyId = usd, period = "Quarterly", @base = 9.5m, idle = 0.5m });
        Task<JsonNode> ReadPrice() => ItemAsync(client, $"{option}/prices", "id", priceId);
        await EachFieldLeftOutKeepsTheRecordAsync(client, $"{option}/prices/{priceId}",
            Pick(await ReadPrice(), "currencyId", "period", "base", "idle"), ReadPrice);
    }

    [Fact]
    public async Task A_home_company_keeps_in_each_tab_what_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var id = await client.CreateForIdAsync($"{V1}/home-companies", new { name = Unique("North") });
        var url = $"{V1}/home-companies/{id}";
        Task<JsonNode> Read() => GetAsync(client, url);
        await PutAsync(client, url, new
        {
            name = Unique("North"), legalName = "North sp. z o.o.", address1 = "Prosta 1", address2 = "Lok. 4", city = "Warszawa", postcode = "00-001",
            countryCode = "PL", region = "PL-14", email = "billing@example.test", phone = "+48 22 123 45 67", website = "https://north.example.test", isDefault = true,
        });
        await EachFieldLeftOutKeepsTheRecordAsync(client, url, Pick(await Read(), "name", "legalName", "address1", "address2", "city", "postcode", "countryCode", "region",
            "email", "phone", "website", "isDefault"), Read);
        await PutChangesOnlyAsync(client, url, Read, new { address2 = "" }, expected => expected["address2"] = null);

        await PutAsync(client, $"{url}/tax-settings", new
        {
            euVatId = "PL1234567890", taxNumber = "123-456-78-90", registrationNumber = "KRS 0000123456", euTaxNote = "Reverse charge", countryTaxNote = "Share capital 5,000 PLN",
        });
        await EachFieldLeftOutKeepsTheRecordAsync(client, $"{url}/tax-settings",
            Pick(await Read(), "euVatId", "taxNumber", "registrationNumber", "euTaxNote", "countryTaxNote"), Read);

        await PutAsync(client, $"{url}/email-settings", new
        {
            senderName = "North billing", senderEmail = "billing@example.test", replyToEmail = "help@example.test", bccEmails = "a@example.test, b@example.test",
        });
        await EachFieldLeftOutKeepsTheRecordAsync(client, $"{url}/email-settings", Pick(await Read(), "senderName", "senderEmail", "replyToEmail", "bccEmails"), Read);

        await PutAsync(client, $"{url}/invoice-settings", new
        {
            numbering = new[]
            {
                new { documentType = "Proforma", format = "P/{NUMBER}", nextNumber = 7L, resetPolicy = "Never" },
                new { documentType = "Invoice", format = "FV/{YEAR}/{MONTH}/{NUMBER:4}", nextNumber = 120L, resetPolicy = "Monthly" },
            },
            addFundsItemText = "Add funds", refundItemText = "Refund", paperSize = "Letter",
        });
        var invoice = Pick(await Read(), "addFundsItemText", "refundItemText", "paperSize");
        invoice["numbering"] = new JsonArray((await Read())["numbering"]!.AsArray()
            .Select(n => (JsonNode?)Pick(n!, "documentType", "format", "nextNumber", "resetPolicy")).ToArray());
        await EachFieldLeftOutKeepsTheRecordAsync(client, $"{url}/invoice-settings", invoice, Read);
        // A counter names its document type; what it leaves out keeps that counter's value.
        await PutChangesOnlyAsync(client, $"{url}/invoice-settings", Read, new { numbering = new[] { new { documentType = "Invoice" } } }, _ => { });
    }

    [Fact]
    public async Task A_payment_gateway_keeps_what_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        await ActivateAsync(client, TestPaymentModule.Key);
        var company = await client.CreateForIdAsync($"{V1}/home-companies", new { name = Unique("Gateways") });
        var gateways = $"{V1}/home-companies/{company}/payment-gateways";
        var id = await client.CreateForIdAsync(gateways, new { key = "contract_main", moduleKey = TestPaymentModule.Key });
        Task<JsonNode> Read() => ItemAsync(client, gateways, "id", id);

        await EachFieldLeftOutKeepsTheRecordAsync(client, $"{gateways}/{id}", Pick(await Read(), "key", "moduleKey"), Read);
        await PutChangesOnlyAsync(client, $"{gateways}/{id}", Read, new { key = "contract_other" }, expected => expected["key"] = "contract_other");
    }

    [Fact]
    public async Task A_tax_rule_keeps_every_field_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var company = await client.CreateForIdAsync($"{V1}/home-companies", new { name = Unique("Taxes") });
        var id = await client.CreateForIdAsync($"{V1}/tax-rules", new
        {
            countryCode = "PL", region = "PL-14", appliesToPrivate = true, appliesToCompanyWithoutTaxId = true, appliesToCompanyWithTaxId = false, individualTaxRate = true,
            tax1Name = "VAT", tax1Rate = 23m, tax2Name = "Levy", tax2Rate = 1.5m, tax3Name = "Local", tax3Rate = 0.25m, homeCompanyId = company,
        });
        var url = $"{V1}/tax-rules/{id}";
        Task<JsonNode> Read() => GetAsync(client, url);

        await EachFieldLeftOutKeepsTheRecordAsync(client, url, Pick(await Read(), "countryCode", "region", "appliesToPrivate", "appliesToCompanyWithoutTaxId",
            "appliesToCompanyWithTaxId", "individualTaxRate", "tax1Name", "tax1Rate", "tax2Name", "tax2Rate", "tax3Name", "tax3Rate", "homeCompanyId"), Read);
        // A tax emptied by its name goes with its rate.
        await PutChangesOnlyAsync(client, url, Read, new { tax3Name = "" }, expected =>
        {
            expected["tax3Name"] = null;
            expected["tax3Rate"] = null;
            expected["taxes"]!.AsArray().RemoveAt(2);
        });
    }

    [Fact]
    public async Task A_schedule_and_a_modules_settings_keep_what_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var key = (await GetAsync(client, $"{V1}/schedules")).AsArray()[0]!["key"]!.GetValue<string>();
        var url = $"{V1}/schedules/{Uri.EscapeDataString(key)}";
        Task<JsonNode> ReadSchedule() => ItemAsync(client, $"{V1}/schedules", "key", key);
        await PutAsync(client, url, new { cron = "0 3 1 1 *", enabled = true });
        await EachFieldLeftOutKeepsTheRecordAsync(client, url, Pick(await ReadSchedule(), "cron", "enabled"), ReadSchedule);
        await PutChangesOnlyAsync(client, url, ReadSchedule, new { enabled = false }, expected => expected["enabled"] = false);

        var settings = $"{V1}/modules/{SampleProductModule.Key}/settings";
        await PutAsync(client, settings, new { values = new Dictionary<string, string?> { ["delaySeconds"] = "2", ["failureRate"] = "0.5", ["apiKey"] = "sk-contract", ["region"] = "eu-central" } });
        await EachFieldLeftOutKeepsTheRecordAsync(client, settings, new JsonObject { ["values"] = Form(await GetAsync(client, settings)) }, () => GetAsync(client, settings));
    }

    [Fact]
    public async Task The_general_settings_keep_every_tab_and_field_a_put_leaves_out()
    {
        var client = await app.SuperAdminClientAsync();
        var url = $"{V1}/settings/general";
        await PutAsync(client, url, new
        {
            timeBased = new { taskQueueDays = 7, moduleLogDays = 14, adminSessionDays = 30, clientSessionDays = 45, activityLogDays = 730 },
            finance = new { minAddFunds = 10.5m, maxAddFunds = 2500m, maxClientBalance = 20000.25m, invoiceDueDays = 30 },
            client = new { passwordResetLinkMinutes = 120 },
            social = new
            {
                website = "https://example.test", facebook = "https://facebook.com/example", x = "https://x.com/example", linkedIn = "https://linkedin.com/example",
                instagram = "https://instagram.com/example", youTube = "https://youtube.com/example", gitHub = "https://github.com/example",
            },
        });
        var current = await GetAsync(client, url);
        current["finance"]!["invoiceDueDays"]!.GetValue<int>().Should().Be(30);

        await EachFieldLeftOutKeepsTheRecordAsync(client, url, current.AsObject(), () => GetAsync(client, url), intoSections: true);
        await PutChangesOnlyAsync(client, url, () => GetAsync(client, url), new { social = new { x = "" } }, expected => expected["social"]!["x"] = null);
    }

    [Fact]
    public async Task The_api_description_states_the_contract_and_every_put_repeats_it()
    {
        var document = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;

        document["info"]!["description"]!.GetValue<string>().Should().Contain("PUT changes only the fields it sends").And.Contain("keeps its value");
        var puts = document["paths"]!.AsObject()
            .Where(p => p.Value!["put"] is not null && !p.Key.Contains("/images/", StringComparison.Ordinal))
            .Select(p => (Path: p.Key, Summary: p.Value!["put"]!["summary"]?.GetValue<string>() ?? ""))
            .ToList();
        puts.Should().HaveCountGreaterThan(20);
        puts.Where(p => !p.Summary.Contains("left out", StringComparison.OrdinalIgnoreCase)).Select(p => p.Path)
            .Should().BeEmpty("every PUT says that the fields it leaves out keep their value");
    }

    // --- The contract, checked on one record ---

    /// <summary>
    /// PUTs {} and then <paramref name="current"/> once per field with that field left out and once with it null (with
    /// <paramref name="intoSections"/>, each field of each section too); after each, the record must read as before.
    /// </summary>
    private static async Task EachFieldLeftOutKeepsTheRecordAsync(HttpClient client, string url, JsonObject current, Func<Task<JsonNode>> read, bool intoSections = false)
    {
        var before = Comparable(await read());
        var paths = current.Select(p => new[] { p.Key }).ToList();
        if (intoSections)
            paths.AddRange(current.Where(p => p.Value is JsonObject).SelectMany(p => p.Value!.AsObject().Select(f => new[] { p.Key, f.Key })));
        var bodies = new List<(string What, JsonObject Body)> { ("{}", new JsonObject()) };
        foreach (var path in paths)
        {
            bodies.Add(($"{string.Join('.', path)} left out", Without(current, path, orNull: false)));
            bodies.Add(($"{string.Join('.', path)} null", Without(current, path, orNull: true)));
        }

        foreach (var (what, body) in bodies)
        {
            var response = await client.PutAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            response.IsSuccessStatusCode.Should().BeTrue($"PUT {url} with {what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Comparable(await read()).Should().Be(before, $"PUT {url} with {what} keeps every value");
        }
    }

    /// <summary>PUTs <paramref name="body"/> and expects the record read back to be the one before with <paramref name="change"/> applied, and nothing else.</summary>
    private static async Task PutChangesOnlyAsync(HttpClient client, string url, Func<Task<JsonNode>> read, object body, Action<JsonNode> change)
    {
        var expected = await read();
        change(expected);
        await PutAsync(client, url, body);
        Comparable(await read()).Should().Be(Comparable(expected), $"PUT {url} with {System.Text.Json.JsonSerializer.Serialize(body)} changes only what it sends");
    }

    private static JsonObject Without(JsonObject current, string[] path, bool orNull)
    {
        var body = current.DeepClone().AsObject();
        var parent = path.Length == 1 ? body : body[path[0]]!.AsObject();
        if (orNull) parent[path[^1]] = null;
        else parent.Remove(path[^1]);
        return body;
    }

    /// <summary>The record as text without what a PUT does not set.</summary>
    private static string Comparable(JsonNode node)
    {
        var copy = node.DeepClone();
        Strip(copy);
        return copy.ToJsonString();

        static void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                foreach (var name in o.Select(p => p.Key).Where(Ignored.Contains).ToList()) o.Remove(name);
                foreach (var (_, child) in o) Strip(child);
            }
            else if (n is JsonArray a)
                foreach (var child in a) Strip(child);
        }
    }

    // --- Records and the bodies of their PUTs ---

    /// <summary>A body of the named fields of a record, at their current values.</summary>
    private static JsonObject Pick(JsonNode source, params string[] names) =>
        new(names.Select(n => KeyValuePair.Create(n, source.AsObject().TryGetPropertyValue(n, out var value) ? value?.DeepClone() : throw new KeyNotFoundException(n))));

    /// <summary>A settings form as a PUT sends it back: every value as read, a secret (never read back) empty, which keeps it.</summary>
    private static JsonObject Form(JsonNode settings) =>
        new(settings["fields"]!.AsArray().Select(f => KeyValuePair.Create<string, JsonNode?>(f!["key"]!.GetValue<string>(), f["value"]?.DeepClone() ?? "")));

    private static JsonObject AdminBody(JsonNode admin)
    {
        var body = Pick(admin, "email", "firstName", "lastName", "language", "status", "isSuperAdmin", "allowedIps");
        body["groupIds"] = new JsonArray(admin["groups"]!.AsArray().Select(g => g!["id"]!.DeepClone()).ToArray());
        return body;
    }

    private static JsonObject UserBody(JsonNode user) =>
        Pick(user, "email", "firstName", "lastName", "phone", "language", "adminNotes", "status", "emailVerified", "phoneVerified", "twoFactorEnabled");

    private static JsonObject ClientBody(JsonNode client) =>
        Pick(client, "firstName", "lastName", "companyName", "taxId", "phone", "language", "currencyId", "status", "adminNotes");

    private static async Task<Guid> CreateClientAsync(HttpClient client)
    {
        var usd = (await (await client.GetAsync($"{V1}/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        return await client.CreateForIdAsync($"{V1}/clients", new
        {
            owner = new { email = Email("owner"), password = Password },
            firstName = "Olga", lastName = "Owner", companyName = Unique("Acme"), taxId = "PL1234567890", phone = "+48 600 100 200", language = "pl",
            currencyId = usd, status = "Active",
            billingAddress = new { address1 = "Długa 1", city = "Gdańsk", postcode = "80-001", countryCode = "PL", region = "PL-22" },
        });
    }

    private static Task<Guid> CreateGroupIdAsync(HttpClient client) =>
        client.CreateForIdAsync($"{V1}/groups", new { name = Unique("Group"), type = "Staff" });

    private static async Task ActivateAsync(HttpClient client, string module)
    {
        var state = (await (await client.GetAsync($"{V1}/modules")).JsonAsync()).EnumerateArray()
            .Single(m => m.GetProperty("key").GetString() == module).GetProperty("state").GetString();
        if (state != "Active") (await client.PostAsync($"{V1}/modules/{module}/activate", null)).EnsureSuccessStatusCode();
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    /// <summary>The item of a list whose <paramref name="idProperty"/> is <paramref name="id"/>.</summary>
    private static async Task<JsonNode> ItemAsync(HttpClient client, string listUrl, string idProperty, object id) =>
        (await GetAsync(client, listUrl)).AsArray().Single(i => i![idProperty]!.ToString() == id.ToString())!;

    private static async Task PutAsync(HttpClient client, string url, object body)
    {
        var response = await client.PutAsJsonAsync(url, body);
        response.IsSuccessStatusCode.Should().BeTrue($"PUT {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

// The finance fixtures' app also knows the test payment module, which payment gateways need.
public sealed class SqliteUpdateContractTests(SqliteFinanceAppFixture fixture) : UpdateContractTests(fixture.App), IClassFixture<SqliteFinanceAppFixture>;

public sealed class PostgresUpdateContractTests(PostgresFinanceAppFixture fixture) : UpdateContractTests(fixture.App), IClassFixture<PostgresFinanceAppFixture>;
