using Microsoft.Playwright;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>
/// What client users do themselves: sign up, reset a forgotten password through the e-mailed link, and
/// invite a colleague with fewer rights. E-mails are read from the outbox folder, as an operator would.
/// Screenshots of sign-up, profile, account and users, light and dark.
/// </summary>
[Collection(CatalogBrowserCollection.Name)]
public sealed class ClientSelfServiceTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task A_visitor_signs_up_and_lands_in_the_client_area()
    {
        var taken = await App.SignUpAsync();
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByTestId("sign-up-link").ClickAsync();
        await page.WaitForURLAsync("**/signup");
        await page.AssertAccessibleAsync("Sign-up, light");
        await Screenshots.SaveAsync(page, "client-signup-light");

        // The address that exists already is refused next to the field; what was typed stays.
        await page.FillSignUpAsync(taken.Email);
        await page.ClickAsync("[data-testid=sign-up]");
        await Expect(page.GetByTestId("error-Email")).ToContainTextAsync("exists already");
        await Expect(page.Locator("#city")).ToHaveValueAsync("Gdańsk");
        await Expect(page.Locator("#region")).ToHaveValueAsync("PL-22");
        await Expect(page.Locator("#email")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("puq-input-invalid"));
        await page.AssertAccessibleAsync("Sign-up with errors, light");
        await Screenshots.SaveAsync(page, "client-signup-errors-light");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.AssertAccessibleAsync("Sign-up with errors, dark");
        await Screenshots.SaveAsync(page, "client-signup-dark");
        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "light");

        var email = NewEmail("nina");
        await page.FillSignUpAsync(email);
        await page.ClickAsync("[data-testid=sign-up]");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync("Nina Nowak", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("client-home")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("current-client")).ToHaveTextAsync("Nowak Hosting");
        await Expect(page.GetByTestId("nav-users")).ToBeVisibleAsync();

        await page.GetByTestId("nav-profile").ClickAsync();
        await Expect(page.GetByTestId("profile-company")).ToHaveValueAsync("Nowak Hosting", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("profile-city")).ToHaveValueAsync("Gdańsk");
        await Expect(page.GetByTestId("profile-country")).ToHaveValueAsync("Poland");
        await page.AssertAccessibleAsync("Profile, light");
        await Screenshots.SaveAsync(page, "client-profile-light");
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_through_the_link_from_the_outbox()
    {
        var owner = await App.SignUpAsync();
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();

        await page.GotoAsync("/login");
        await page.GetByTestId("forgot-password").ClickAsync();
        await page.WaitForURLAsync("**/login/forgot");
        await page.AssertAccessibleAsync("Forgot password, light");
        await page.FillAsync("#email", owner.Email);
        await page.ClickAsync("[data-testid=send-reset]");
        await Expect(page.GetByTestId("reset-sent")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Reset link sent, light");
        await Screenshots.SaveAsync(page, "client-forgot-sent-light");

        var link = ClientAreaSession.LinkIn(await App.WaitForMailToAsync(owner.Email));
        link.Should().StartWith(App.ServerAddress.ToString().TrimEnd('/') + "/login/reset?token=");

        await page.GotoAsync(link);
        // The token leaves the address bar at once.
        await page.WaitForURLAsync(url => url.EndsWith("/login/reset", StringComparison.Ordinal));
        await page.AssertAccessibleAsync("Choose a new password, light");
        await Screenshots.SaveAsync(page, "client-reset-light");
        // Two passwords that differ: the message stands under the confirmation.
        await page.FillAsync("#password", "Fresh-start-2027");
        await page.FillAsync("#confirm-password", "Fresh-start-2028");
        await page.ClickAsync("[data-testid=set-password]");
        await Expect(page.GetByTestId("error-ConfirmPassword")).ToBeVisibleAsync();
        await page.GotoAsync("/preferences/theme?value=dark&returnUrl=" + Uri.EscapeDataString("/login/reset"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await page.AssertAccessibleAsync("Choose a new password, dark");
        await Screenshots.SaveAsync(page, "client-reset-dark");
        await page.FillAsync("#password", "Fresh-start-2027");
        await page.FillAsync("#confirm-password", "Fresh-start-2027");
        await page.ClickAsync("[data-testid=set-password]");
        await page.GetByTestId("go-sign-in").ClickAsync();

        await page.WaitForURLAsync("**/login");
        await page.FillAsync("#email", owner.Email);
        await page.FillAsync("#password", "Fresh-start-2027");
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync("Olga Owner", new() { Timeout = 15_000 });

        // The link was single-use.
        await page.GotoAsync(link);
        await Expect(page.GetByTestId("ask-again")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Expired reset link, dark");
    }

    [Fact]
    public async Task An_owner_invites_a_colleague_who_cannot_manage_users()
    {
        var owner = await App.SignUpAsync(company: "Kowalski Cloud");
        await using var ownerContext = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await ownerContext.NewPageAsync();
        await SignInAsync(page, owner.Email, ClientAreaSession.Password);

        await page.GetByTestId("nav-users").ClickAsync();
        await page.WaitForURLAsync("**/users");
        await Expect(page.GetByTestId("owner-badge")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        var colleague = NewEmail("colin");
        await page.GetByTestId("invite-email").FillAsync(colleague);
        await page.GetByTestId("invite-first-name").FillAsync("Colin");
        await page.GetByTestId("invite-last-name").FillAsync("Colleague");
        await page.GetByTestId("invite-perm-transactions-view").ClickAsync();
        await page.GetByTestId("invite").ClickAsync();
        await Expect(page.GetByTestId($"member-{colleague}")).ToContainTextAsync("See transactions");
        await Expect(page.GetByTestId($"member-{colleague}")).ToContainTextAsync("Not signed in yet");
        await page.AssertAccessibleAsync("Users, light");
        await Screenshots.SaveAsync(page, "client-users-light");

        await page.GetByTestId("nav-account").ClickAsync();
        await page.WaitForURLAsync("**/account");
        await Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("Off", new() { Timeout = 15_000 });
        await page.AssertAccessibleAsync("My account, light");
        await Screenshots.SaveAsync(page, "client-account-light");

        await page.GetByTestId("theme-switch").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("Off", new() { Timeout = 15_000 });
        await page.AssertAccessibleAsync("My account, dark");
        await Screenshots.SaveAsync(page, "client-account-dark");
        await page.GetByTestId("nav-users").ClickAsync();
        await Expect(page.GetByTestId($"member-{colleague}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.AssertAccessibleAsync("Users, dark");
        await Screenshots.SaveAsync(page, "client-users-dark");
        await page.GetByTestId("nav-profile").ClickAsync();
        await Expect(page.GetByTestId("save-profile")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.AssertAccessibleAsync("Profile, dark");
        await Screenshots.SaveAsync(page, "client-profile-dark");

        // The colleague chooses a password through the invitation and signs in.
        var invitation = App.LatestMailTo(colleague);
        invitation.Should().NotBeNull().And.Contain("Kowalski Cloud");
        await using var colleagueContext = await Browser.NewPersonAsync(App.ServerAddress);
        var other = await colleagueContext.NewPageAsync();
        await other.GotoAsync(ClientAreaSession.LinkIn(invitation!));
        await Expect(other.Locator("h1")).ToHaveTextAsync("Welcome: choose your password");
        await other.FillAsync("#password", "Colleague-pass-31");
        await other.FillAsync("#confirm-password", "Colleague-pass-31");
        await other.ClickAsync("[data-testid=set-password]");
        await other.GetByTestId("go-sign-in").ClickAsync();
        await SignInAsync(other, colleague, "Colleague-pass-31");

        await Expect(other.GetByTestId("current-client")).ToHaveTextAsync("Kowalski Cloud");
        await Expect(other.GetByTestId("nav-profile")).ToBeVisibleAsync();
        await Expect(other.GetByTestId("nav-users")).ToHaveCountAsync(0);
        await other.GetByTestId("nav-profile").ClickAsync();
        await Expect(other.GetByTestId("profile-readonly")).ToContainTextAsync("Kowalski Cloud", new() { Timeout = 15_000 });
        await Expect(other.GetByTestId("save-profile")).ToHaveCountAsync(0);
        await other.AssertAccessibleAsync("Read-only profile, light");
        await Screenshots.SaveAsync(other, "client-profile-readonly-light");

        // Typing the address is refused by the server, not just hidden.
        await other.GotoAsync("/users");
        await Expect(other.GetByTestId("access-denied")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(other.GetByTestId("invite")).ToHaveCountAsync(0);
        await other.AssertAccessibleAsync("Users refused, light");
        await Screenshots.SaveAsync(other, "client-users-refused-light");
    }

    [Fact]
    public async Task A_user_of_two_clients_switches_between_them_and_cannot_switch_to_a_stranger()
    {
        var alpha = await App.SignUpAsync(company: "Alpha Hosting");
        var beta = await App.SignUpAsync(company: "Beta Servers");
        var stranger = await App.SignUpAsync(company: "Gamma Stranger");
        // Alpha's owner is invited to Beta, with no permissions there, and accepts on the home page: the area opens Beta.
        await App.SendAsClientAsync(beta.UserId, new PuqCloud.Core.Features.ClientArea.InviteClientUser(beta.ClientId, alpha.Email, null, null, []));
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await SignInAsync(page, alpha.Email, ClientAreaSession.Password);
        await Expect(page.GetByTestId($"invitation-{beta.ClientId}")).ToContainTextAsync("Beta Servers");
        // Alpha's address was never proven: the invitation says how, and Accept waits for it.
        await Expect(page.GetByTestId("invitation-confirm-email")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("accept-invitation")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "client-home-invitation-light");
        await App.SendAnonymousAsync(new PuqCloud.Core.Features.ClientArea.ResetPassword(ClientAreaSession.TokenOf(App.LatestMailTo(alpha.Email)!),
            ClientAreaSession.Password, ClientAreaSession.Password));
        await SignInAsync(page, alpha.Email, ClientAreaSession.Password);
        await Expect(page.GetByTestId("invitation-confirm-email")).ToHaveCountAsync(0);
        await page.GetByTestId("accept-invitation").ClickAsync();
        await Expect(page.GetByTestId("client-switch")).ToHaveValueAsync(beta.ClientId.ToString(), new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("my-invitations")).ToHaveCountAsync(0);

        // Back on the owned client.
        await page.GetByTestId("client-switch").SelectOptionAsync(alpha.ClientId.ToString());
        await Expect(page.GetByTestId("client-switch")).ToHaveValueAsync(alpha.ClientId.ToString(), new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("nav-users")).ToBeVisibleAsync();

        await page.GetByTestId("nav-profile").ClickAsync();
        await Expect(page.GetByTestId("profile-company")).ToHaveValueAsync("Alpha Hosting", new() { Timeout = 15_000 });
        await page.GetByTestId("client-switch").SelectOptionAsync(beta.ClientId.ToString());
        await page.WaitForURLAsync("**/profile");
        await Expect(page.GetByTestId("client-switch")).ToHaveValueAsync(beta.ClientId.ToString(), new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("profile-readonly")).ToContainTextAsync("Beta Servers", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("nav-users")).ToHaveCountAsync(0);

        // A client the user does not belong to is not remembered: Beta stays the choice.
        await page.GotoAsync($"/client/switch?client={stranger.ClientId}&returnUrl=/profile");
        await Expect(page.GetByTestId("profile-readonly")).ToContainTextAsync("Beta Servers", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("profile-readonly")).Not.ToContainTextAsync("Gamma");
    }

    [Fact]
    public async Task A_client_user_changes_the_password_stays_signed_in_and_turns_on_two_factor()
    {
        var owner = await App.SignUpAsync();
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await SignInAsync(page, owner.Email, ClientAreaSession.Password);

        await page.GetByTestId("nav-account").ClickAsync();
        await page.WaitForURLAsync("**/account");
        await page.FillAsync("#current-password", "not-my-password-1");
        await page.FillAsync("#new-password", "Rotated-pass-2027");
        await page.FillAsync("#confirm-password", "Rotated-pass-2027");
        await page.ClickAsync("[data-testid=change-password]");
        await Expect(page.GetByTestId("error-CurrentPassword")).ToContainTextAsync("not your current password");

        await page.FillAsync("#current-password", ClientAreaSession.Password);
        await page.FillAsync("#new-password", "Rotated-pass-2027");
        await page.FillAsync("#confirm-password", "Rotated-pass-2027");
        await page.ClickAsync("[data-testid=change-password]");
        await page.WaitForURLAsync("**/account?saved=password");
        await Expect(page.GetByTestId("form-message")).ToContainTextAsync("Your password is changed");
        // The stamp changed, yet this browser carries on with its fresh cookie, also over the circuit.
        await page.GetByTestId("nav-profile").ClickAsync();
        await Expect(page.GetByTestId("profile-company")).ToBeVisibleAsync(new() { Timeout = 15_000 });

        // Two-factor on, with the panel the staff console uses.
        await page.GetByTestId("nav-account").ClickAsync();
        await page.WaitForURLAsync("**/account");
        await page.GetByTestId("begin-two-factor").ClickAsync(new() { Timeout = 15_000 });
        var secret = Base32.Decode((await page.GetByTestId("totp-key").InnerTextAsync()).Replace(" ", ""));
        await page.AssertAccessibleAsync("Two-factor set-up, light");
        await Screenshots.SaveAsync(page, "client-account-two-factor-light");
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        await page.GetByTestId("confirm-code").FillAsync(Totp.Compute(secret, step));
        await page.GetByTestId("confirm-two-factor").ClickAsync();
        await Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("On");

        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/login");
        await page.FillAsync("#email", owner.Email);
        await page.FillAsync("#password", "Rotated-pass-2027");
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync("**/login/two-factor**");
        await page.AssertAccessibleAsync("Two-factor sign-in, light");
        await page.FillAsync("#code", Totp.Compute(secret, step + 1));
        await page.ClickAsync("[data-testid=verify-code]");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync("Olga Owner", new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task On_a_phone_every_client_page_fits_and_people_become_cards()
    {
        var owner = await App.SignUpAsync(company: "Phone Hosting Sp. z o.o.");
        var colleague = NewEmail("a-rather-long-colleague-address");
        await App.SendAsClientAsync(owner.UserId, new PuqCloud.Core.Features.ClientArea.InviteClientUser(owner.ClientId, colleague, "Paula", "Partner",
            [ClientPermissions.ViewTransactions, ClientPermissions.ManageInvoices]));
        await using var person = await Browser.NewPhonePersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();

        await page.GotoAsync("/signup");
        await page.AssertFitsTheScreenAsync("Sign-up");
        await Screenshots.SaveAsync(page, "client-signup-390-light");
        await SignInAsync(page, owner.Email, ClientAreaSession.Password);
        await page.GetByTestId("user-menu-toggle").ClickAsync();
        await page.GetByTestId("user-menu-sign-out").AssertWithinScreenAsync("Sign out");
        await page.Keyboard.PressAsync("Escape");

        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await page.GotoAsync("/preferences/theme?value=dark&returnUrl=" + Uri.EscapeDataString("/"));
                await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
            }
            await page.GotoAsync("/users");
            await Expect(page.GetByTestId($"member-{colleague}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            // Each person is a card as wide as the panel, not a row of a table wider than the screen.
            var card = await page.GetByTestId($"member-{colleague}").BoundingBoxAsync();
            var panel = await page.GetByTestId("members").BoundingBoxAsync();
            card!.Width.Should().BeLessThanOrEqualTo(panel!.Width + 1);
            await page.GetByTestId($"member-{colleague}").GetByTestId("remove-member").AssertWithinScreenAsync("Remove");
            await page.AssertFitsTheScreenAsync($"Users, {theme}");
            await page.AssertAccessibleAsync($"Users at 390 px, {theme}");
            await Screenshots.SaveAsync(page, $"client-users-390-{theme}");

            await page.GotoAsync("/profile");
            await Expect(page.GetByTestId("profile-company")).ToHaveValueAsync("Phone Hosting Sp. z o.o.", new() { Timeout = 15_000 });
            await page.AssertFitsTheScreenAsync($"Profile, {theme}");
            await Screenshots.SaveAsync(page, $"client-profile-390-{theme}");

            await page.GotoAsync("/account");
            await Expect(page.GetByTestId("two-factor-status")).ToHaveTextAsync("Off", new() { Timeout = 15_000 });
            await page.AssertFitsTheScreenAsync($"My account, {theme}");
            await page.AssertAccessibleAsync($"My account at 390 px, {theme}");
            await Screenshots.SaveAsync(page, $"client-account-390-{theme}");
        }
        await page.GetByTestId("user-menu-toggle").ClickAsync();
        await page.GetByTestId("user-menu-sign-out").ClickAsync();
        await page.WaitForURLAsync("**/login");
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        await Expect(page.GetByTestId("signed-in-client")).ToContainTextAsync(email, new() { Timeout = 15_000 });
    }
}
