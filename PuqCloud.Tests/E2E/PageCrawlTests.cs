using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// Every page of the console, the client area and the sign-in screens, found by their routes, opened in one theme
/// with each of its tabs: axe-core's WCAG 2 A/AA check and a screenshot of each view, and not one error in the
/// server's log (a circuit that died, a component that could not render), each named with the view that caused it. The
/// dialogs the view's buttons open are checked too, and in the light walk every drop-down is opened. A new page fails
/// this test until it is given a place below, so that no page goes unchecked.
/// </summary>
/// <remarks>The light walk and the dark walk run in the two browser collections side by side, each on an app of its own.</remarks>
public abstract partial class PageCrawl(BrowserFixture browser, ITestOutputHelper output, bool dark, ServerErrorLog serverErrors)
    : BrowserTest(browser, services: serverErrors.Register)
{

    /// <summary>Pages this walk cannot open, and the journey that checks them instead.</summary>
    private static readonly Dictionary<string, string> CheckedByJourneys = new()
    {
        ["/admin/setup"] = "exists only before the first administrator: StaffJourneyTests",
        ["/admin/login/two-factor"] = "follows a password step of an account with two-factor: StaffJourneyTests",
        ["/login/two-factor"] = "follows a password step of an account with two-factor: ClientSelfServiceTests",
        ["/invoices/{Id:guid}"] = "a client's own document, opened after adding funds, at 390 px with the accessibility check: ClientMoneyTests",
        ["/services/{Id:guid}"] = "a client's own service, at 390 px in light and dark: ClientMoneyTests",
        ["/order/{ProductId:guid}"] = "a product's order page, at 390 px and desktop width in light and dark with the accessibility check: OrderJourneyTests",
    };

    private static readonly string[] SignedOutPages = ["/admin/login", "/login", "/login/forgot", "/login/reset", "/signup"];
    private static readonly string[] ClientAreaPages = ["/", "/account", "/account/api-tokens", "/profile", "/users", "/billing/add-funds", "/invoices", "/transactions", "/services", "/order"];

    [Fact]
    public async Task Every_page_and_tab_passes_axe_without_a_server_error()
    {
        // What the app logged while it started is no page's: a readiness probe that came before the scheduler ran answered
        // 503 (ci46), as it should. It goes to the test output, and the walk counts from here.
        foreach (var error in serverErrors.TakeNew()) output.WriteLine($"While the app started: {error}");
        var seeds = await SeedAsync();
        var routes = Routes().ToList();
        var unplaced = routes.Where(r => !CheckedByJourneys.ContainsKey(r) && !SignedOutPages.Contains(r) && !ClientAreaPages.Contains(r)
            && !IsConsole(r)).ToList();
        unplaced.Should().BeEmpty("every page belongs to the console, the client area, the signed-out pages or a journey");
        var consolePages = routes.Where(r => IsConsole(r) && !SignedOutPages.Contains(r) && !CheckedByJourneys.ContainsKey(r))
            .Order(StringComparer.Ordinal).Select(r => new View(r, Fill(r, seeds))).ToList();
        var findings = new AccessibilityFindings();

        await using (var staff = await Browser.NewPersonAsync(App.ServerAddress))
        {
            var page = await staff.NewPageAsync();
            await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
            await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);
            await WalkSignedInAsync(page, consolePages, findings);
        }

        await using (var client = await Browser.NewPersonAsync(App.ServerAddress))
        {
            var page = await client.NewPageAsync();
            await page.GotoAsync("/login");
            await page.FillAsync("#email", seeds.ClientOwnerEmail);
            await page.FillAsync("#password", ClientOwnerPassword);
            await page.ClickAsync("[data-testid=sign-in]");
            await Expect(page.GetByTestId("signed-in-client")).ToBeVisibleAsync();
            // Some client pages are static (they re-issue the sign-in cookie): each is opened as a page of its own.
            foreach (var path in ClientAreaPages)
            {
                await page.GotoInThemeAsync(path, dark);
                await Expect(page.GetByTestId("page-title")).ToBeVisibleAsync();
                await CheckViewAsync(page, path, null, findings);
            }
        }

        await using (var visitor = await Browser.NewPersonAsync(App.ServerAddress))
        {
            var page = await visitor.NewPageAsync();
            foreach (var path in SignedOutPages)
            {
                await page.GotoInThemeAsync(path, dark);
                await Expect(page.Locator("h1").First).ToBeVisibleAsync();
                await CheckViewAsync(page, path, null, findings);
            }
        }

        findings.ShouldBeNone();
    }

    /// <summary>
    /// Opens each page over the one circuit, as the menu would (Blazor's own navigation): the first in the theme
    /// asked for, through the preference, the rest without reloading.
    /// </summary>
    private async Task WalkSignedInAsync(IPage page, IReadOnlyList<View> views, AccessibilityFindings findings)
    {
        await page.GotoInThemeAsync(views[0].Path, dark);
        foreach (var (template, path) in views)
        {
            if (path != views[0].Path)
            {
                // The title element of the page being left is marked: the next page has rendered once a title without the mark is there.
                await page.EvaluateAsync("() => document.querySelectorAll('[data-testid=page-title]').forEach(e => e.dataset.left = '1')");
                await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
            }
            await Expect(page.Locator("[data-testid=page-title]:not([data-left])")).ToBeVisibleAsync();
            new Uri(page.Url).PathAndQuery.Should().Be(path, "the page should open, not send the person elsewhere");
            await CheckViewAsync(page, template, null, findings);
            await CheckControlsAsync(page, template, null, findings);

            var tabs = page.Locator(".mud-tabs .mud-tab:not(.mud-disabled)");
            var count = await tabs.CountAsync();
            for (var i = 1; i < count; i++)
            {
                var tab = tabs.Nth(i);
                var title = (await tab.InnerTextAsync()).Trim();
                await tab.ClickAsync();
                await Expect(tab).ToHaveClassAsync(new Regex(@"\bmud-tab-active\b"));
                await CheckViewAsync(page, template, title, findings);
                await CheckControlsAsync(page, template, title, findings);
            }
        }
    }

    /// <summary>Checks and photographs the view once it has loaded; <paramref name="route"/> names it (its template, so that names stay put).</summary>
    private async Task CheckViewAsync(IPage page, string route, string? tab, AccessibilityFindings findings)
    {
        await Expect(page.Locator(".mud-progress-indeterminate, .mud-table-loading-progress, .mud-skeleton")).ToHaveCountAsync(0);
        await page.SettleAsync();
        var name = "crawl" + Slug(Parameter().Replace(route, "$1")) + (tab is null ? "" : Slug(tab)) + (dark ? "-dark" : "-light");
        var view = ViewName(route, tab);
        await findings.CheckAsync(page, view);
        CollectErrors(view, findings);
        await Screenshots.SaveAsync(page, name);
    }

    private string ViewName(string route, string? tab) => $"{route}{(tab is null ? "" : $" ({tab} tab)")}, {(dark ? "dark" : "light")}";

    /// <summary>
    /// The pages' errors fail the walk, and so does anything the Content-Security-Policy blocked. The background engines
    /// (task workers, scheduler) run on their own timers, so an error of theirs is not the page's: it is written to the
    /// test output to be looked into, not failed on here.
    /// </summary>
    private void CollectErrors(string view, AccessibilityFindings findings)
    {
        var errors = serverErrors.TakeNew();
        foreach (var error in errors.Where(IsBackgroundEngine)) output.WriteLine($"While {view} was open, a background engine logged: {error}");
        findings.Add(errors.Where(e => !IsBackgroundEngine(e)).Select(error => $"{view} logged a server error: {error}"));
        findings.Add(Browser.TakePolicyViolations().Select(violation => $"{view}: the Content-Security-Policy blocked {violation}"));
    }

    /// <summary>
    /// Every control a person can open in the view: each drop-down of the page (opened and closed, never changed: a page
    /// may save a choice at once) and the dialogs its buttons open (data-opens="dialog": the first few of the view).
    /// In a dialog each drop-down is opened, and in one with a short list every choice is made in turn, opening the
    /// drop-downs that choice reveals; the dialog is checked with axe and then cancelled, so nothing is saved.
    /// The dark walk opens the same dialogs for axe alone: what the drop-downs and choices do does not depend on the theme,
    /// and walking them costs minutes.
    /// </summary>
    private async Task CheckControlsAsync(IPage page, string route, string? tab, AccessibilityFindings findings)
    {
        var view = ViewName(route, tab);
        var content = page.Locator("main");
        if (!dark)
        {
            try
            {
                await OpenDropDownsAsync(page, content, route, tab, $"{view}, drop-down", findings);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"Opening the drop-downs of {view}: {ex.Message}", ex);
            }
        }

        var openers = content.Locator("[data-opens=dialog]:visible:not([disabled])");
        var count = await openers.CountAsync();
        for (int i = 0, walked = 0; i < count && walked < MaxDialogsPerView; i++)
        {
            var opener = openers.Nth(i);
            var label = (await opener.GetAttributeAsync("aria-label")) ?? (await opener.InnerTextAsync()).Trim();
            if (!await FirstTimeAsync(opener, route, tab, $"dialog {i} {label}")) continue;
            walked++;
            var dialogView = $"{view}, dialog of \"{label}\"";
            await opener.ClickAsync();
            var dialog = page.Locator(".mud-dialog").Last;
            await Expect(dialog).ToBeVisibleAsync();
            await page.SettleAsync();
            await findings.CheckAsync(page, dialogView, within: ".mud-dialog");
            CollectErrors(dialogView, findings);
            try
            {
                if (!dark) await ChooseEveryShortOptionAsync(page, dialog, dialogView, findings);
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"Walking the drop-downs of {dialogView}: {ex.Message}", ex);
            }
            await CloseDialogAsync(page, dialog, dialogView);
            CollectErrors(dialogView, findings);
        }
    }

    /// <summary>
    /// Cancels the dialog and waits until it is gone. On a busy machine a click can land while the dialog is still
    /// settling (an open list's overlay over it) and be lost: it is clicked again, up to three times, before the walk fails.
    /// </summary>
    private static async Task CloseDialogAsync(IPage page, ILocator dialog, string dialogView)
    {
        var dialogs = page.Locator(".mud-dialog");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Escape (for a search field's list) may have closed a dialog that lets Escape close it.
                if (await dialogs.CountAsync() > 0)
                    await dialog.Locator(".mud-dialog-actions button", new() { HasTextRegex = new Regex("^(Cancel|Close)$") }).Last.ClickAsync(new() { Force = true });
                await Expect(dialogs).ToHaveCountAsync(0, new() { Timeout = 5_000 });
                return;
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                if (attempt == 3) throw new InvalidOperationException($"{dialogView} stayed open after Cancel was clicked three times: {ex.Message}", ex);
                await page.Keyboard.PressAsync("Escape");
            }
        }
    }

    private const int MaxDialogsPerView = 3;
    private const int MaxChoicesToWalk = 6;

    // The controls the walk has opened: a page's own buttons and drop-downs (outside its tabs) stay on screen on every tab,
    // and opening them again on each tab only repeated what the first tab had checked.
    private readonly HashSet<string> _walked = new(StringComparer.Ordinal);

    /// <summary>Whether the control has not been walked yet on this page (on this tab, for a control inside the tabs).</summary>
    private async Task<bool> FirstTimeAsync(ILocator control, string route, string? tab, string name)
    {
        var inTab = await control.EvaluateAsync<bool>("e => !!e.closest('.mud-tabs-panels')");
        return _walked.Add($"{route}|{(inTab ? tab ?? "(first tab)" : "")}|{name}");
    }

    /// <summary>
    /// Opens and closes (Escape) each drop-down in <paramref name="scope"/>, but for a grid's rows-per-page choice: it is
    /// MudBlazor's own, the same on every grid, with fixed choices that ask the server for nothing.
    /// </summary>
    private async Task OpenDropDownsAsync(IPage page, ILocator scope, string route, string? tab, string view, AccessibilityFindings findings)
    {
        var dropDowns = scope.Locator(".mud-select:visible:not(.mud-disabled):not(.mud-table-pagination-select)");
        var labels = await LabelsAsync(dropDowns);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!await FirstTimeAsync(dropDowns.Nth(i), route, tab, $"drop-down {i} {labels[i]}")) continue;
            await OpenAsync(page, dropDowns.Nth(i));
            CollectErrors(view, findings);
            await CloseAsync(page);
        }
    }

    /// <summary>In a dialog: every choice of each short drop-down in turn, opening the drop-downs each choice reveals.</summary>
    private async Task ChooseEveryShortOptionAsync(IPage page, ILocator dialog, string view, AccessibilityFindings findings)
    {
        var dropDowns = dialog.Locator(".mud-select:visible:not(.mud-disabled)");
        var before = (await LabelsAsync(dropDowns)).ToHashSet(StringComparer.Ordinal);
        var count = before.Count == 0 ? 0 : await dropDowns.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await OpenAsync(page, dropDowns.Nth(i));
            CollectErrors(view, findings);
            var choices = await page.Locator(".mud-popover-open .mud-list-item").CountAsync();
            await CloseAsync(page);
            if (choices is 0 or > MaxChoicesToWalk) continue;
            for (var choice = 0; choice < choices; choice++)
            {
                if (i >= await dropDowns.CountAsync()) break;
                await OpenAsync(page, dropDowns.Nth(i));
                var item = page.Locator(".mud-popover-open .mud-list-item").Nth(choice);
                if (await item.CountAsync() == 0) break;
                var text = (await item.InnerTextAsync()).Trim();
                await item.ClickAsync();
                // A list of several choices stays open after a pick.
                await CloseAsync(page);
                await page.SettleAsync();
                CollectErrors($"{view}, choosing \"{text}\"", findings);
                // What the choice revealed (a client picker once "Client" is chosen, say); a choice may also hide some. The
                // drop-downs that were there before the choice were opened already: walking them again after every choice
                // made this the slowest part of the whole test run.
                var after = await LabelsAsync(dropDowns);
                for (var j = 0; j < after.Count; j++)
                {
                    if (j == i || before.Contains(after[j])) continue;
                    await OpenAsync(page, dropDowns.Nth(j));
                    CollectErrors($"{view}, after choosing \"{text}\"", findings);
                    await CloseAsync(page);
                }
            }
        }
    }

    /// <summary>The drop-downs' labels, in order, read at once (a drop-down without a label is named by its place).</summary>
    private static async Task<List<string>> LabelsAsync(ILocator dropDowns) =>
        (await dropDowns.EvaluateAllAsync<string[]>("els => els.map((e, i) => (e.querySelector('label')?.textContent ?? '').trim() || ('#' + i))")).ToList();

    /// <summary>
    /// Opens a drop-down as a click would. Forced: a grid that refreshes or a panel that animates near it keeps it from
    /// counting as "stable" for Playwright, though a person clicks it just fine.
    /// </summary>
    private static async Task OpenAsync(IPage page, ILocator dropDown)
    {
        try
        {
            await dropDown.ScrollIntoViewIfNeededAsync(new() { Timeout = 5_000 });
            await dropDown.ClickAsync(new() { Force = true, Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // A choice made a moment ago re-rendered the form without this drop-down: there is nothing to open.
            if (await dropDown.CountAsync() == 0) return;
            throw;
        }
        await page.SettleAsync();
    }

    /// <summary>
    /// Closes an open list with a click beside it, on the dialog's title or else the page's (neither does anything when
    /// clicked), and then with Escape, three times at most. A click first: Escape would also close a dialog that lets Escape close it, and a
    /// search field's list (the time zones) stays open on Escape. A list that stays open fails the walk: the next
    /// drop-down's click could land on one of its choices and change what the walk is looking at.
    /// </summary>
    private static async Task CloseAsync(IPage page)
    {
        if (await page.Locator(".mud-popover-open").CountAsync() == 0) return;
        var list = page.Locator(".mud-popover-open .mud-list-item");
        var dialogTitle = page.Locator(".mud-dialog .mud-dialog-title");
        var beside = await dialogTitle.CountAsync() > 0 ? dialogTitle.Last : page.Locator("[data-testid=page-title]").First;
        // A list closes over the circuit: on a busy machine that takes a moment, and an Escape sent while the click's close
        // is on its way would close the dialog instead. A long list (the countries) may also open only after the first click
        // beside it landed, so the click and the Escape are tried again before the walk gives up.
        for (var round = 0; round < 3; round++)
        {
            await beside.ClickAsync(new() { Force = true });
            if (await ClosedAsync(list, 3_000)) return;
            await page.Keyboard.PressAsync("Escape");
            if (await ClosedAsync(list, 5_000)) return;
        }
        throw new InvalidOperationException(
            $"A list stayed open on {page.Url} after a click beside it and Escape: \"{await list.First.InnerTextAsync()}\"");
    }

    private static async Task<bool> ClosedAsync(ILocator list, float timeout)
    {
        try
        {
            await Expect(list).ToHaveCountAsync(0, new() { Timeout = timeout });
            return true;
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    private static bool IsBackgroundEngine(string error) => error.Contains(" PuqCloud.Core.Engine.", StringComparison.Ordinal);

    private static bool IsConsole(string route) => route == "/admin" || route.StartsWith("/admin/", StringComparison.Ordinal);

    /// <summary>The route templates of every routable component: the console's and the modules'.</summary>
    private static IEnumerable<string> Routes() =>
        new[] { typeof(Program).Assembly, typeof(PuqCloud.Modules.ModulesAssembly).Assembly }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct();

    private static string Fill(string template, Seeds seeds) => template switch
    {
        "/admin/attribute-groups/{Id:guid}" => $"/admin/attribute-groups/{seeds.AttributeGroup}",
        "/admin/option-groups/{Id:guid}" => $"/admin/option-groups/{seeds.OptionGroup}",
        "/admin/option-groups/{GroupId:guid}/options/{Id:guid}" => $"/admin/option-groups/{seeds.OptionGroup}/options/{seeds.Option}",
        "/admin/product-groups/{Id:guid}" => $"/admin/product-groups/{seeds.ProductGroup}",
        "/admin/products/{Id:guid}" => $"/admin/products/{seeds.Product}",
        "/admin/clients/{Id:guid}" => $"/admin/clients/{seeds.Client}",
        "/admin/services/{Id:guid}" => $"/admin/services/{seeds.Service}",
        "/admin/finance/home-companies/{Id:guid}" => $"/admin/finance/home-companies/{seeds.HomeCompany}",
        "/admin/finance/invoices/{Id:guid}" => $"/admin/finance/invoices/{seeds.Document}",
        "/admin/settings/modules/{Key}" => "/admin/settings/modules/sample-product",
        "/admin/settings/staff/admins/{Id:guid}" => $"/admin/settings/staff/admins/{seeds.Admin}",
        "/admin/settings/staff/groups/{Id:guid}" => $"/admin/settings/staff/groups/{seeds.StaffGroup}",
        _ when template.Contains('{') => throw new InvalidOperationException($"The crawl does not know which record to open for {template}: add it to {nameof(Fill)}."),
        _ => template,
    };

    private const string ClientOwnerPassword = "Owner-password-1";

    private sealed record Seeds(Guid AttributeGroup, Guid OptionGroup, Guid Option, Guid ProductGroup, Guid Product, Guid Client, string ClientOwnerEmail,
        Guid HomeCompany, Guid Admin, Guid StaffGroup, Guid Service, Guid Document);

    /// <summary>One record of each kind that has a page of its own, made through the API as staff would.</summary>
    private async Task<Seeds> SeedAsync()
    {
        using var api = await App.SuperAdminClientAsync();
        const string v1 = "/api/admin/v1";
        var attributeGroup = await api.CreateForIdAsync($"{v1}/attribute-groups", new { key = "storage", name = new { en = "Storage" } });
        var optionGroup = await api.CreateForIdAsync($"{v1}/option-groups", new { key = "backups", name = new { en = "Backups" } });
        var option = await api.CreateForIdAsync($"{v1}/option-groups/{optionGroup}/options", new { key = "daily", name = new { en = "Daily" } });
        var productGroup = await api.CreateForIdAsync($"{v1}/product-groups", new { key = "web-hosting" });
        var product = await api.CreateForIdAsync($"{v1}/products", new { key = "cloud-vps" });
        var currency = (await (await api.GetAsync($"{v1}/currencies?search=USD")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
        const string ownerEmail = "olga.owner@example.test";
        var client = await api.CreateForIdAsync($"{v1}/clients", new
        {
            owner = new { email = ownerEmail, password = ClientOwnerPassword },
            firstName = "Olga", lastName = "Owner", companyName = "Acme Hosting", phone = "+48 600 100 200", language = "en",
            currencyId = currency, status = "Active",
            billingAddress = new { address1 = "Długa 1", city = "Gdańsk", postcode = "80-001", countryCode = "PL", region = "PL-22" },
        });
        // The product sold: active, with a monthly USD price and the option group; the client's service of it waits pending (no balance).
        (await api.PutAsJsonAsync($"{v1}/products/{product}", new { isActive = true })).EnsureSuccessStatusCode();
        var price = await api.CreateForIdAsync($"{v1}/products/{product}/prices", new { currencyId = currency, period = "Monthly", @base = 7.44m, setup = 1m });
        (await api.PostAsJsonAsync($"{v1}/products/{product}/option-groups", new { optionGroupId = optionGroup })).EnsureSuccessStatusCode();
        var service = await api.CreateForIdAsync($"{v1}/services", new { clientId = client, productId = product, productPriceId = price, label = "vps-01.acme.test" });
        var homeCompany = await api.CreateForIdAsync($"{v1}/home-companies", new { name = "Puq Hosting Sp. z o.o." });
        // Olga has invited the owner of another client, who has not answered: the Users pages (the client's tab, the client
        // area's page) show the invitation waiting.
        await api.CreateForIdAsync($"{v1}/clients", new
        {
            owner = new { email = "ivo.invited@example.test", password = ClientOwnerPassword },
            firstName = "Ivo", lastName = "Invited", language = "en", currencyId = currency, status = "Active",
            billingAddress = new { address1 = "Krótka 2", city = "Gdynia", postcode = "81-001", countryCode = "PL", region = "PL-22" },
        });
        Guid olga;
        await using (var db = App.CreateDbContext())
            olga = await db.ClientUsers.Where(u => u.Email == ownerEmail).Select(u => u.Id).SingleAsync();
        await App.SendAsClientAsync(olga, new InviteClientUser(client, "ivo.invited@example.test", null, null, [ClientPermissions.ManageServices]));
        // A credit short of the service's first charge (it stays pending): the transactions grids have a row to check in both themes.
        (await api.PostAsJsonAsync($"{v1}/clients/{client}/adjustments", new { amount = 5m, reason = "Welcome credit" })).EnsureSuccessStatusCode();
        // A proforma asking the client to add funds: the document page and a row in Finance → Invoices and the client's Invoices tab.
        var document = await api.CreateForIdAsync($"{v1}/clients/{client}/add-funds", new { amount = 50m });
        var staffGroup = await api.CreateForIdAsync($"{v1}/groups", new { name = "Support", description = "First-line support" });
        var admin = (await (await api.GetAsync($"{v1}/admins?search={Uri.EscapeDataString(PuqAppFactory.AdminEmail)}")).JsonAsync())
            .GetProperty("items")[0].GetProperty("id").GetGuid();
        (await api.PostAsync($"{v1}/modules/sample-plugin/activate", null)).EnsureSuccessStatusCode();
        return new Seeds(attributeGroup, optionGroup, option, productGroup, product, client, ownerEmail, homeCompany, admin, staffGroup, service, document);
    }

    private static string Slug(string text)
    {
        var slug = NonWord().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "-home" : "-" + slug;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();

    /// <summary>A route parameter such as {GroupId:guid}, named by what is inside it up to the colon.</summary>
    [GeneratedRegex(@"\{(\w+)(:\w+)?\}")]
    private static partial Regex Parameter();

    private sealed record View(string Template, string Path);
}

[Collection(BrowserCollection.Name)]
public sealed class LightPageCrawlTests(BrowserFixture browser, ITestOutputHelper output) : PageCrawl(browser, output, dark: false, new ServerErrorLog());

[Collection(CatalogBrowserCollection.Name)]
public sealed class DarkPageCrawlTests(BrowserFixture browser, ITestOutputHelper output) : PageCrawl(browser, output, dark: true, new ServerErrorLog());
