using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// The client area's money on a phone (390 px): the dashboard with its cost and alerts, Add funds from the suggested
/// top-up with the live preview, the issued proforma, and the Invoices, Transactions and Services pages, light and dark.
/// </summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class ClientMoneyTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task On_a_phone_a_client_sees_the_dashboard_adds_funds_and_finds_the_proforma_in_invoices()
    {
        await App.SendAsSystemAsync(new CreateHomeCompany("Puq Hosting Europe"));
        var owner = await App.SignUpAsync(company: "Phone Money Sp. z o.o.");
        var service = await SeedServiceAsync(owner.ClientId);
        await App.SendAsSystemAsync(new AddClientAdjustment(owner.ClientId, 2m, "Welcome credit"));

        await using var person = await Browser.NewPhonePersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", owner.Email);
        await page.FillAsync("#password", ClientAreaSession.Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync(owner.Email, new() { Timeout = 15_000 });

        // The dashboard: the company's name instead of PuqCloud, the balance, the cost of the running service, the alerts.
        await Expect(page.GetByTestId("dashboard")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("client-brand")).ToContainTextAsync("Puq Hosting Europe");
        await Expect(page.GetByTestId("dashboard-active")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("alert-low-balance")).ToBeVisibleAsync();
        await page.AssertFitsTheScreenAsync("Dashboard");
        await page.AssertAccessibleAsync("Client dashboard at 390 px, light");
        await Screenshots.SaveAsync(page, "client-dashboard-390-light");

        // Add funds starts from the suggested top-up and previews the proforma.
        await page.GetByTestId("dashboard-add-funds").ClickAsync();
        await page.WaitForURLAsync("**/billing/add-funds?amount=*");
        await Expect(page.GetByTestId("add-funds-preview")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.GetByTestId("add-funds-amount").FillAsync("40");
        await Expect(page.GetByTestId("preview-line")).ToContainTextAsync("40", new() { Timeout = 15_000 });
        await page.AssertFitsTheScreenAsync("Add funds");
        await page.AssertAccessibleAsync("Add funds at 390 px, light");
        await Screenshots.SaveAsync(page, "client-add-funds-390-light");

        await page.GetByTestId("issue-proforma").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/invoices/[0-9a-f-]{36}\\?issued=1$"), new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("invoice-details")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("invoice-seller")).ToContainTextAsync("Puq Hosting Europe");
        await Expect(page.GetByTestId("invoice-buyer")).ToContainTextAsync("Phone Money Sp. z o.o.");
        await Expect(page.GetByTestId("pay-panel")).ToBeVisibleAsync();
        var number = (await page.Locator("h1").TextContentAsync())!.Replace("Proforma", "").Trim();
        await page.AssertFitsTheScreenAsync("Proforma");
        await page.AssertAccessibleAsync("Proforma at 390 px, light");
        await Screenshots.SaveAsync(page, "client-invoice-390-light");

        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await page.GotoAsync("/preferences/theme?value=dark&returnUrl=" + Uri.EscapeDataString("/"));
                await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
                await Expect(page.GetByTestId("dashboard")).ToBeVisibleAsync(new() { Timeout = 15_000 });
                await Expect(page.GetByTestId("alert-unpaid")).ToBeVisibleAsync();
                await page.AssertFitsTheScreenAsync("Dashboard, dark");
                await page.AssertAccessibleAsync("Client dashboard at 390 px, dark");
                await Screenshots.SaveAsync(page, "client-dashboard-390-dark");
            }
            await page.GotoAsync("/invoices");
            await Expect(page.GetByTestId("invoice-number").First).ToHaveTextAsync(number, new() { Timeout = 15_000 });
            await page.AssertFitsTheScreenAsync($"Invoices, {theme}");
            await page.AssertAccessibleAsync($"Invoices at 390 px, {theme}");
            await Screenshots.SaveAsync(page, $"client-invoices-390-{theme}");

            await page.GotoAsync("/transactions");
            await Expect(page.GetByTestId("transaction-description").First).ToContainTextAsync("Welcome credit", new() { Timeout = 15_000 });
            await page.AssertFitsTheScreenAsync($"Transactions, {theme}");
            await Screenshots.SaveAsync(page, $"client-transactions-390-{theme}");

            await page.GotoAsync("/services");
            await Expect(page.GetByTestId("service-link")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.AssertFitsTheScreenAsync($"Services, {theme}");
            await Screenshots.SaveAsync(page, $"client-services-390-{theme}");

            await page.GotoAsync($"/services/{service}");
            await Expect(page.GetByTestId("service-details")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.AssertFitsTheScreenAsync($"Service, {theme}");
            await page.AssertAccessibleAsync($"Service at 390 px, {theme}");
            await Screenshots.SaveAsync(page, $"client-service-390-{theme}");
        }
    }

    /// <summary>An active monthly service of the client, as billing leaves it after its first hour.</summary>
    private async Task<Guid> SeedServiceAsync(Guid clientId)
    {
        await using var db = App.CreateDbContext();
        var client = await db.Clients.SingleAsync(c => c.Id == clientId);
        var product = new Product { Key = $"vps-{Guid.NewGuid():N}"[..16], Name = new() { ["en"] = "Cloud VPS S" }, IsActive = true, IsVisible = true, HourlyBilling = true };
        var price = new ProductPrice { ProductId = product.Id, CurrencyId = client.CurrencyId, Period = PricePeriod.Monthly, Base = 30m };
        var now = DateTime.UtcNow;
        var service = new Service
        {
            ClientId = clientId, ProductId = product.Id, ProductPriceId = price.Id, Status = ServiceStatus.Active, OrderedAt = now, ActivatedAt = now,
            BillingAnchor = now, PaidUntil = now.AddHours(1), NextChargeAt = now.AddHours(1), Label = "web-01",
        };
        db.AddRange(product, price, service);
        await db.SaveChangesAsync();
        return service.Id;
    }
}
