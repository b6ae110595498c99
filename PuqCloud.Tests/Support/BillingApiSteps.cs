using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PuqCloud.Tests.Support;

/// <summary>A client, a product with a price, a service and the test clock, through the admin API as staff would set them up.</summary>
public static class BillingApiSteps
{
    public static async Task<Guid> UsdAsync(this HttpClient client) =>
        (await (await client.GetAsync("/api/admin/v1/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();

    /// <summary>A company client paying in USD, with its owner and billing address.</summary>
    public static async Task<Guid> CreateBillingClientAsync(this HttpClient client, string company = "Billing Test Ltd") =>
        await client.CreateForIdAsync("/api/admin/v1/clients", new
        {
            owner = new { email = $"owner-{Guid.NewGuid():N}@example.test", password = "Owner-password-1" },
            firstName = "Bill", lastName = "Payer", companyName = company, language = "en", currencyId = await client.UsdAsync(), status = "Active",
            billingAddress = new { address1 = "Main 1", city = "Berlin", postcode = "10115", countryCode = "DE" },
        });

    /// <summary>An active product with one USD price row; answers the product's and the price's ids.</summary>
    public static async Task<(Guid Product, Guid Price)> CreatePricedProductAsync(this HttpClient client, string period = "Monthly", decimal price = 7.44m,
        decimal setup = 0m, decimal idle = 0m, decimal uninstall = 0m, bool hourlyBilling = true, bool allowIdle = false, int terminationDelayHours = 0,
        int cancellationDelayHours = 0, string name = "VPS-S", decimal switchUp = 0m, decimal switchDown = 0m)
    {
        var product = await client.CreateForIdAsync("/api/admin/v1/products", new { key = CatalogApiSteps.NewKey("vps") });
        var updated = await client.PutAsJsonAsync($"/api/admin/v1/products/{product}", new
        {
            name = new Dictionary<string, string> { ["en"] = name }, isActive = true, isVisible = true, hourlyBilling, allowIdle, terminationDelayHours, cancellationDelayHours,
        });
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        var priceId = await client.CreateForIdAsync($"/api/admin/v1/products/{product}/prices", new
        {
            currencyId = await client.UsdAsync(), period, setup, @base = price, idle, switchDown, switchUp, uninstall,
        });
        return (product, priceId);
    }

    /// <summary>An option group offered with the product, holding one option with a USD price of the period; answers the option's id.</summary>
    public static async Task<Guid> CreateProductOptionAsync(this HttpClient client, Guid productId, string option, decimal price, string period = "Monthly",
        string group = "Extras")
    {
        var groupId = await client.CreateForIdAsync("/api/admin/v1/option-groups", new { key = CatalogApiSteps.NewKey("extras"), name = new Dictionary<string, string> { ["en"] = group } });
        var optionId = await client.CreateForIdAsync($"/api/admin/v1/option-groups/{groupId}/options",
            new { key = CatalogApiSteps.NewKey("option"), name = new Dictionary<string, string> { ["en"] = option } });
        await client.CreateForIdAsync($"/api/admin/v1/option-groups/{groupId}/options/{optionId}/prices", new { currencyId = await client.UsdAsync(), period, @base = price });
        var linked = await client.PostAsJsonAsync($"/api/admin/v1/products/{productId}/option-groups", new { optionGroupId = groupId });
        linked.StatusCode.Should().Be(HttpStatusCode.NoContent, await linked.Content.ReadAsStringAsync());
        return optionId;
    }

    /// <summary>Another option of the product's first option group (one made by <see cref="CreateProductOptionAsync"/>), priced monthly in USD when <paramref name="price"/> is given.</summary>
    public static async Task<Guid> CreateOptionBesideAsync(this HttpClient client, Guid productId, string option, decimal? price = null)
    {
        var group = (await (await client.GetAsync($"/api/admin/v1/products/{productId}/option-groups")).JsonAsync())[0].GetProperty("optionGroupId").GetGuid();
        var optionId = await client.CreateForIdAsync($"/api/admin/v1/option-groups/{group}/options",
            new { key = CatalogApiSteps.NewKey("option"), name = new Dictionary<string, string> { ["en"] = option } });
        if (price is { } amount)
            await client.CreateForIdAsync($"/api/admin/v1/option-groups/{group}/options/{optionId}/prices", new { currencyId = await client.UsdAsync(), period = "Monthly", @base = amount });
        return optionId;
    }

    /// <summary>PUT /services/{id}/options with the full set of options.</summary>
    public static Task<HttpResponseMessage> ChangeOptionsAsync(this HttpClient client, Guid serviceId, params Guid[] optionIds) =>
        client.PutAsJsonAsync($"/api/admin/v1/services/{serviceId}/options", new { optionIds });

    public static async Task<JsonElement> CreateServiceAsync(this HttpClient client, Guid clientId, (Guid Product, Guid Price) product, bool startNow = true)
    {
        var response = await client.PostAsJsonAsync("/api/admin/v1/services", new { clientId, productId = product.Product, productPriceId = product.Price, startNow });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task AdjustAsync(this HttpClient client, Guid clientId, decimal amount, string reason = "Top-up for the test")
    {
        var response = await client.PostAsJsonAsync($"/api/admin/v1/clients/{clientId}/adjustments", new { amount, reason });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    public static async Task<JsonElement> AdvanceClockAsync(this HttpClient client, int hours)
    {
        var response = await client.PostAsJsonAsync("/api/admin/v1/system/clock/advance", new { hours });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> ServiceAsync(this HttpClient client, Guid serviceId) =>
        await (await client.GetAsync($"/api/admin/v1/services/{serviceId}")).JsonAsync();

    public static async Task<JsonElement> ClientAsync(this HttpClient client, Guid clientId) =>
        await (await client.GetAsync($"/api/admin/v1/clients/{clientId}")).JsonAsync();

    /// <summary>
    /// The client's vatCheck once <paramref name="done"/> holds for it (the VIES task runs in the background), or fails after
    /// 60 s: on the 2-core CI machine with both test collections busy the task's worker once took longer than 20 s (ci65).
    /// </summary>
    public static async Task<JsonElement> VatCheckAsync(this HttpClient client, Guid clientId, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var check = (await client.ClientAsync(clientId)).GetProperty("vatCheck");
            if (done(check)) return check;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The VAT check of client {clientId} did not finish: {check}");
            await Task.Delay(100);
        }
    }

    public static async Task<decimal> BalanceAsync(this HttpClient client, Guid clientId) =>
        (await (await client.GetAsync($"/api/admin/v1/clients/{clientId}")).JsonAsync()).GetProperty("balance").GetDecimal();

    /// <summary>Every ledger row of the client, oldest first.</summary>
    public static async Task<List<JsonElement>> TransactionsAsync(this HttpClient client, Guid clientId)
    {
        var rows = new List<JsonElement>();
        for (var page = 1; ; page++)
        {
            var body = await (await client.GetAsync($"/api/admin/v1/clients/{clientId}/transactions?sort=createdAt&pageSize=200&page={page}")).JsonAsync();
            var items = body.GetProperty("items").EnumerateArray().ToList();
            rows.AddRange(items);
            if (rows.Count >= body.GetProperty("total").GetInt32() || items.Count == 0) return rows;
        }
    }

    public static DateTime Time(this JsonElement e, string property) =>
        DateTime.Parse(e.GetProperty(property).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
