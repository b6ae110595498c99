using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// The first person on a fresh install: setup page, sign-in, two-factor on, sign-out, sign-in with a
/// code, then a personal API token that a script uses. Screenshots of each page, light and dark.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffJourneyTests(BrowserFixture browser) : BrowserTest(browser, bootstrapAdmin: false)
{
    [Fact]
    public async Task Setup_sign_in_turn_on_two_factor_and_sign_in_again_with_a_code()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();

        // A fresh install sends the first visitor of /admin to the one-time setup page.
        await page.GotoAsync("/admin");
        await page.WaitForURLAsync("**/admin/setup");
        await page.AssertAccessibleAsync("Setup, light");
        await Screenshots.SaveAsync(page, "setup-light");
        await page.GotoInThemeAsync("/admin/setup", dark: true);
        await page.AssertAccessibleAsync("Setup, dark");
        await Screenshots.SaveAsync(page, "setup-dark");
        await page.GotoInThemeAsync("/admin/setup", dark: false);

        // Bad input gets its message next to the field, and nothing is created: a code that is not the one in the log too.
        await page.FillAsync("#setup-code", "ABCD-EFGH-JKMN");
        await page.FillAsync("#email", "ada@example.test");
        await page.FillAsync("#first-name", "Ada");
        await page.FillAsync("#last-name", "Lovelace");
        await page.FillAsync("#password", "short1");
        await page.FillAsync("#confirm-password", "different1");
        await page.ClickAsync("[data-testid=create-admin]");
        await Expect(page.GetByTestId("error-Password")).ToContainTextAsync("at least 10");
        await Expect(page.GetByTestId("error-ConfirmPassword")).ToContainTextAsync("do not match");
        await page.FillAsync("#password", "Analytical-engine-1843");
        await page.FillAsync("#confirm-password", "Analytical-engine-1843");
        await page.ClickAsync("[data-testid=create-admin]");
        await Expect(page.GetByTestId("error-SetupCode")).ToContainTextAsync("not the setup code");
        await page.AssertAccessibleAsync("Setup with errors, light");
        await Screenshots.SaveAsync(page, "setup-errors-light");

        // The person who started the console reads the code in its log (typed in lower case, it still counts).
        await page.FillAsync("#setup-code", App.SetupCodeFromLog().ToLowerInvariant());
        await page.FillAsync("#password", "Analytical-engine-1843");
        await page.FillAsync("#confirm-password", "Analytical-engine-1843");
        await page.ClickAsync("[data-testid=create-admin]");
        await page.WaitForURLAsync("**/admin/login?setup=done");
        await page.AssertAccessibleAsync("Staff sign-in, light");
        await Screenshots.SaveAsync(page, "login-light");
        await page.GotoInThemeAsync("/admin/login", dark: true);
        await page.AssertAccessibleAsync("Staff sign-in, dark");
        await Screenshots.SaveAsync(page, "login-dark");
        await page.GotoInThemeAsync("/admin/login", dark: false);

        // The setup page is closed once an account exists.
        await page.GotoAsync("/admin/setup");
        await page.WaitForURLAsync("**/admin/login");

        await page.SignInAsStaffAsync("ada@example.test", "Analytical-engine-1843");
        await page.WaitForURLAsync("**/admin");
        await page.ExpectConsoleAsync("Ada Lovelace");
        await Expect(page.GetByTestId("heartbeat-last")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "dashboard-light");

        // Two-factor on: the click goes over the circuit and the key appears without a reload.
        await page.GetByTestId("menu-security").ClickAsync();
        await page.WaitForURLAsync("**/admin/account/security");
        await Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("Off");
        await page.GetByTestId("begin-two-factor").ClickAsync();
        var key = (await page.GetByTestId("totp-key").InnerTextAsync()).Replace(" ", "");
        var secret = Base32.Decode(key);
        await page.AssertAccessibleAsync("Two-factor setup, light");
        await Screenshots.SaveAsync(page, "two-factor-setup-light");

        await page.GetByTestId("confirm-code").FillAsync("000000");
        await page.GetByTestId("confirm-two-factor").ClickAsync();
        await Expect(page.GetByTestId("error-Code")).ToContainTextAsync("not right");

        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        await page.GetByTestId("confirm-code").FillAsync(Totp.Compute(secret, step));
        await page.GetByTestId("confirm-two-factor").ClickAsync();
        await Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("On");

        // Sign out, and back in: now the password alone is not enough.
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/admin/login");
        await page.SignInAsStaffAsync("ada@example.test", "Analytical-engine-1843");
        await page.WaitForURLAsync("**/admin/login/two-factor**");
        await page.AssertAccessibleAsync("Two-factor sign-in, light");
        await Screenshots.SaveAsync(page, "two-factor-login-light");

        // The code used to confirm was spent; the next step's code (inside the skew window) is fresh.
        await page.FillAsync("#code", Totp.Compute(secret, step));
        await page.ClickAsync("[data-testid=verify-code]");
        await Expect(page.GetByTestId("form-message")).ToContainTextAsync("not right or was already used");
        await page.AssertAccessibleAsync("Two-factor sign-in with an error, light");
        await page.FillAsync("#code", Totp.Compute(secret, step + 1));
        await page.ClickAsync("[data-testid=verify-code]");
        await page.WaitForURLAsync("**/admin");
        await page.ExpectConsoleAsync("Ada Lovelace");

        // The security page in the dark theme, now with two-factor on.
        await page.GotoInThemeAsync("/admin/account/security", dark: true);
        await Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("On", new() { Timeout = 15_000 });
        await page.AssertAccessibleAsync("Two-factor sign-in settings, dark");
        await Screenshots.SaveAsync(page, "two-factor-on-dark");
        await page.GotoInThemeAsync("/admin/account/security", dark: false);
    }

    /// <summary>
    /// A staff member without any staff permission changes their own password from the account menu: a wrong current one
    /// is named under its field; the change ends this session too, and the new password signs in.
    /// </summary>
    [Fact]
    public async Task A_staff_member_changes_their_own_password_and_signs_in_with_it()
    {
        await App.AddStaffAsync("mary@example.test", "Somerville-1835-a", superAdmin: false);
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync("mary@example.test", "Somerville-1835-a");
        await page.ExpectConsoleAsync("mary@example.test");

        await page.GotoInThemeAsync("/admin/account/password", dark: true);
        await Expect(page.GetByTestId("password-form")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("My password, dark");
        await Screenshots.SaveAsync(page, "my-password-dark");
        await page.GotoInThemeAsync("/admin/account/password", dark: false);

        await page.GetByTestId("current-password").FillAsync("not-my-password-1");
        await page.GetByTestId("new-password").FillAsync("Mechanism-1831-b");
        await page.GetByTestId("confirm-password").FillAsync("Mechanism-1831-b");
        await page.GetByTestId("change-my-password").ClickAsync();
        await Expect(page.GetByTestId("error-CurrentPassword")).ToContainTextAsync("not your current password");
        await page.AssertAccessibleAsync("My password with an error, light");
        await Screenshots.SaveAsync(page, "my-password-light");

        await page.GetByTestId("current-password").FillAsync("Somerville-1835-a");
        await page.GetByTestId("change-my-password").ClickAsync();
        await Expect(page.GetByTestId("sign-in-again")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "my-password-changed-light");
        await page.GetByTestId("sign-in-again").ClickAsync();
        await page.WaitForURLAsync("**/admin/login");
        await page.SignInAsStaffAsync("mary@example.test", "Mechanism-1831-b");
        await page.ExpectConsoleAsync("mary@example.test");
    }

    [Fact]
    public async Task A_token_made_in_the_console_calls_the_api_until_revoked()
    {
        await App.AddStaffAsync("grace@example.test", "Compiler-A0-1952", superAdmin: true);
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync("grace@example.test", "Compiler-A0-1952");
        await page.ExpectConsoleAsync("grace@example.test");

        await page.GetByTestId("menu-api-tokens").ClickAsync();
        await page.WaitForURLAsync("**/admin/account/api-tokens");
        await page.GetByTestId("create-token").ClickAsync();
        await Expect(page.GetByTestId("error-Name")).ToBeVisibleAsync();
        await page.GetByTestId("token-name").FillAsync("nightly export");
        await page.GetByTestId("create-token").ClickAsync();
        var token = await page.GetByTestId("new-token").InnerTextAsync();
        await Expect(page.GetByTestId("token-grid")).ToContainTextAsync("nightly export");
        await page.AssertAccessibleAsync("API tokens, light");
        await Screenshots.SaveAsync(page, "api-tokens-light");

        using var script = new HttpClient { BaseAddress = App.ServerAddress };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
        (await script.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);

        await page.GetByTestId("revoke-token").ClickAsync();
        await BrowserSteps.Dialog(page).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByTestId("token-grid")).ToContainTextAsync("Revoked");
        (await script.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await page.GotoInThemeAsync("/admin/account/api-tokens", dark: true);
        await Expect(page.GetByTestId("token-grid")).ToContainTextAsync("Revoked", new() { Timeout = 15_000 });
        await page.AssertAccessibleAsync("API tokens, dark");
        await Screenshots.SaveAsync(page, "api-tokens-dark");
        await page.GotoInThemeAsync("/admin/account/api-tokens", dark: false);
    }
}
