using Bunit;
using Microsoft.AspNetCore.Components;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Client;
using ClientHome = PuqCloud.Web.Components.Client.Home.Home;
using ClientProfilePage = PuqCloud.Web.Components.Client.Profile.Profile;
using ClientUsersPage = PuqCloud.Web.Components.Client.Users.Users;
using PermissionChecks = PuqCloud.Web.Components.Client.Users.PermissionChecks;
using ClientTwoFactor = PuqCloud.Web.Components.Client.Account.ClientTwoFactor;

namespace PuqCloud.Tests.Components;

/// <summary>
/// The interactive client-area pages, each inside the <see cref="ClientAreaContext"/> its layout hands down: loaded and empty
/// states, refusals, field errors next to their fields, and what a member without a permission does not get.
/// The static sign-in, sign-up, reset and account forms are covered by the browser journeys (they need a real form post).
/// </summary>
public sealed class ClientAreaPageTests : ComponentTest
{
    private static readonly MyClientAccount Me = new(Guid.CreateVersion7(), "olga@example.test", "Olga Owner", TwoFactorEnabled: false);
    private static readonly Guid ClientId = Guid.CreateVersion7();

    private static ClientAreaContext Owner() => Context(new MyClient(ClientId, "Nowak Hosting", IsOwner: true, []));

    private static ClientAreaContext Member(params string[] permissions) => Context(new MyClient(ClientId, "Nowak Hosting", IsOwner: false, permissions));

    private static ClientAreaContext Context(MyClient? current) => new(Me, current is null ? [] : [current], current);

    private static ClientProfile Profile() => new(ClientId, "Nina", "Nowak", "Nowak Hosting", "PL5840000000", "+48 58 123 45 67",
        "ul. Długa 10", null, "Gdańsk", "80-827", "PL", "Poland", "PL-22", "Pomorskie");

    private IRenderedComponent<T> RenderIn<T>(ClientAreaContext context) where T : IComponent =>
        RenderWithProviders<T>(p => p.AddCascadingValue(context));

    private void GivenProfile()
    {
        Requests.On<GetClientProfile, ClientProfile>(Profile());
        Requests.On<ListCountryOptions, IReadOnlyList<CountryOption>>([new CountryOption("DE", "Germany"), new CountryOption("PL", "Poland")]);
        Requests.On<ListRegionOptions, IReadOnlyList<RegionOption>>(r => r.CountryCode == "PL" ? [new RegionOption("PL-22", "Pomorskie", "voivodeship")] : []);
    }

    // Home

    [Fact]
    public void Home_without_services_leads_to_ordering_and_the_next_steps()
    {
        Requests.On<GetMyDashboard, MyDashboard>(ClientBillingPageTests.Dashboard(ClientId));
        var home = RenderIn<ClientHome>(Owner());
        home.Find("[data-testid=order-cta]").TextContent.Should().Contain("Order your first service");
        home.Find("a[data-testid=order-cta-button]").GetAttribute("href").Should().Be("/order");
        home.Find("a[href='/users']").TextContent.Should().Contain("Invite colleagues");
        home.FindAll("[data-testid=no-client]").Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_invitation_waits_for_a_proven_address_before_it_can_be_accepted(bool confirmed)
    {
        Requests.On<ListMyInvitations, IReadOnlyList<MyInvitation>>(
            [new MyInvitation(Guid.CreateVersion7(), "Beta Servers", "Olga Owner", [], DateTime.UtcNow, confirmed)]);
        var home = RenderIn<ClientHome>(Context(null));
        home.WaitForAssertion(() => home.Find("[data-testid=my-invitations]").TextContent.Should().Contain("Beta Servers"));
        home.Find("button[data-testid=accept-invitation]").HasAttribute("disabled").Should().Be(!confirmed);
        home.Find("button[data-testid=decline-invitation]").HasAttribute("disabled").Should().BeFalse("declining needs no proof");
        home.FindAll("[data-testid=invitation-confirm-email]").Should().HaveCount(confirmed ? 0 : 1);
    }

    [Fact]
    public void Home_without_a_client_says_how_to_get_one()
    {
        var home = RenderIn<ClientHome>(Context(null));
        home.Find("[data-testid=no-client]").TextContent.Should().Contain("does not belong to any client yet");
        home.FindAll("[data-testid=order-cta]").Should().BeEmpty();
        Requests.Sent.Should().ContainSingle().Which.Should().BeOfType<ListMyInvitations>("invitations to a client are the way into one");
    }

    [Fact]
    public void Home_hides_the_invitation_and_ordering_from_a_member_without_those_permissions()
    {
        Requests.On<GetMyDashboard, MyDashboard>(ClientBillingPageTests.Dashboard(ClientId));
        var home = RenderIn<ClientHome>(Member(ClientPermissions.ModifyProfile));
        home.FindAll("a[href='/users']").Should().BeEmpty();
        home.FindAll("[data-testid=order-cta-button]").Should().BeEmpty();
        home.FindAll("[data-testid=dashboard-add-funds]").Should().BeEmpty();
    }

    // Profile

    [Fact]
    public void Profile_loads_into_its_fields()
    {
        GivenProfile();
        var profile = RenderIn<ClientProfilePage>(Owner());
        profile.Find("input[data-testid=profile-company]").GetAttribute("value").Should().Be("Nowak Hosting");
        profile.Find("input[data-testid=profile-city]").GetAttribute("value").Should().Be("Gdańsk");
        profile.Find("input[data-testid=profile-country]").GetAttribute("value").Should().Be("Poland");
        profile.Find("input[data-testid=profile-region]").GetAttribute("value").Should().Be("Pomorskie");
        profile.FindAll("[data-testid=save-profile]").Should().HaveCount(1);
        profile.FindAll("[data-testid=leave-client]").Should().BeEmpty("the owner hands ownership on before leaving");
    }

    [Fact]
    public void Profile_without_a_client_loads_nothing()
    {
        var profile = RenderIn<ClientProfilePage>(Context(null));
        profile.Find("[data-testid=no-client]");
        Requests.Sent.Should().BeEmpty();
    }

    [Fact]
    public void Profile_is_read_only_without_the_permission_to_modify_it()
    {
        GivenProfile();
        var profile = RenderIn<ClientProfilePage>(Member(ClientPermissions.ViewTransactions));
        profile.Find("[data-testid=profile-readonly]").TextContent.Should().Contain("Nowak Hosting").And.Contain("Pomorskie, Poland");
        profile.FindAll("[data-testid=save-profile]").Should().BeEmpty();
        Requests.SentOf<ListCountryOptions>().Should().BeEmpty();
    }

    [Fact]
    public void Profile_refused_by_the_server_shows_the_reason()
    {
        Requests.Refuse<GetClientProfile>(new AccessDeniedException("You are not a member of this client."));
        var profile = RenderIn<ClientProfilePage>(Owner());
        profile.Find("[data-testid=form-message]").TextContent.Should().Contain("not a member");
    }

    [Fact]
    public void Profile_field_errors_stand_under_their_fields()
    {
        GivenProfile();
        Requests.Refuse<UpdateClientProfile>(new RequestValidationException(new Dictionary<string, string[]>
        {
            ["City"] = ["Enter the city."],
            ["Phone"] = ["Enter the phone number with its country code."],
        }));
        var profile = RenderIn<ClientProfilePage>(Owner());
        profile.Find("input[data-testid=profile-city]").Change("");
        profile.Find("[data-testid=save-profile]").Click();

        profile.WaitForAssertion(() => profile.Find("[data-testid=error-City]").TextContent.Should().Be("Enter the city."));
        profile.Find("[data-testid=error-Phone]").TextContent.Should().Contain("country code");
        profile.Find("[data-testid=error-City]").ParentElement!.QuerySelector("input[data-testid=profile-city]").Should().NotBeNull("the message stands in the city's field");
        profile.Find("[data-testid=error-City]").ParentElement!.QuerySelector(".mud-input-error").Should().NotBeNull();
    }

    [Fact]
    public void Profile_saves_what_was_typed()
    {
        GivenProfile();
        Requests.On<UpdateClientProfile, ClientProfile>(r => Profile() with { City = r.City });
        var profile = RenderIn<ClientProfilePage>(Owner());
        profile.Find("input[data-testid=profile-city]").Change("Sopot");
        profile.Find("[data-testid=save-profile]").Click();

        profile.WaitForAssertion(() => Requests.SentOf<UpdateClientProfile>().Should().ContainSingle());
        var sent = Requests.SentOf<UpdateClientProfile>().Single();
        sent.City.Should().Be("Sopot");
        sent.CountryCode.Should().Be("PL");
        sent.Region.Should().Be("PL-22");
    }

    [Fact]
    public void Profile_keeps_a_region_typed_as_text_where_the_country_lists_none()
    {
        // Hong Kong lists no regions, so staff may type one; saving the profile once sent null in its place.
        GivenProfile();
        Requests.On<GetClientProfile, ClientProfile>(Profile() with { CountryCode = "HK", CountryName = "Hong Kong", Region = "Kowloon", RegionName = "Kowloon" });
        Requests.On<ListCountryOptions, IReadOnlyList<CountryOption>>([new CountryOption("HK", "Hong Kong"), new CountryOption("PL", "Poland")]);
        Requests.On<UpdateClientProfile, ClientProfile>(r => Profile() with { CountryCode = "HK", CountryName = "Hong Kong", Region = r.Region, RegionName = r.Region });
        var profile = RenderIn<ClientProfilePage>(Owner());
        profile.Find("input[data-testid=profile-region]").GetAttribute("value").Should().Be("Kowloon");

        profile.Find("input[data-testid=profile-city]").Change("Mong Kok");
        profile.Find("[data-testid=save-profile]").Click();
        profile.WaitForAssertion(() => Requests.SentOf<UpdateClientProfile>().Should().ContainSingle());
        Requests.SentOf<UpdateClientProfile>().Single().Region.Should().Be("Kowloon");

        profile.Find("input[data-testid=profile-region]").Change("New Territories");
        profile.Find("[data-testid=save-profile]").Click();
        profile.WaitForAssertion(() => Requests.SentOf<UpdateClientProfile>().Should().HaveCount(2));
        Requests.SentOf<UpdateClientProfile>().Last().Region.Should().Be("New Territories");
    }

    // Users

    private static IReadOnlyList<ClientMemberInfo> Members() =>
    [
        new(Me.Id, "Olga Owner", Me.Email, IsOwner: true, [], TwoFactorEnabled: false, HasSignedIn: true, IsMe: true),
        new(Guid.CreateVersion7(), "Colin Colleague", "colin@example.test", IsOwner: false, [ClientPermissions.ViewTransactions], TwoFactorEnabled: false, HasSignedIn: false, IsMe: false),
    ];

    [Fact]
    public void Users_lists_the_people_with_their_permissions_and_actions()
    {
        Requests.On<ListMyClientMembers, IReadOnlyList<ClientMemberInfo>>(Members());
        var users = RenderIn<ClientUsersPage>(Owner());

        users.FindAll("[data-testid=grant-hint]").Should().BeEmpty("the owner holds every permission");
        users.FindAll("[data-testid=staff-session-notice]").Should().BeEmpty("the client's own session changes its people");
        users.FindAll("input[data-testid^=invite-perm-][disabled]").Should().BeEmpty();
        var owner = users.Find($"[data-testid='member-{Me.Email}']");
        owner.QuerySelector("[data-testid=owner-badge]").Should().NotBeNull();
        owner.TextContent.Should().Contain("All permissions").And.Contain("You");
        owner.QuerySelector("[data-testid=remove-member]").Should().BeNull();

        var colin = users.Find("[data-testid='member-colin@example.test']");
        colin.TextContent.Should().Contain("See transactions").And.Contain("Not signed in yet");
        colin.QuerySelector("[data-testid=make-owner]").Should().NotBeNull();
        colin.QuerySelector("[data-testid=remove-member]").Should().NotBeNull();
        // Every cell names its column, for the card layout on a phone.
        colin.QuerySelectorAll("td").Select(td => td.GetAttribute("data-label")).Should().Equal("Name", "E-mail address", "Permissions", "Actions");
    }

    [Fact]
    public void Users_without_a_client_loads_nothing()
    {
        var users = RenderIn<ClientUsersPage>(Context(null));
        users.Find("[data-testid=no-client]");
        Requests.Sent.Should().BeEmpty();
    }

    [Fact]
    public void Users_refused_by_the_server_show_the_refusal_and_no_invitation()
    {
        Requests.Refuse<ListMyClientMembers>(new AccessDeniedException("You need the permission to manage users."));
        var users = RenderIn<ClientUsersPage>(Member());
        users.Find("[data-testid=access-denied]").TextContent.Should().Contain("manage users");
        users.FindAll("[data-testid=invite]").Should().BeEmpty();
    }

    [Fact]
    public void A_member_who_is_not_owner_cannot_hand_ownership_on()
    {
        Requests.On<ListMyClientMembers, IReadOnlyList<ClientMemberInfo>>(Members());
        var users = RenderIn<ClientUsersPage>(Member(ClientPermissions.ManageUsers, ClientPermissions.ViewTransactions));
        users.FindAll("[data-testid=make-owner]").Should().BeEmpty();
        users.FindAll("[data-testid=remove-member]").Should().NotBeEmpty();
    }

    [Fact]
    public void A_user_manager_can_tick_only_what_they_hold_and_cannot_change_a_colleague_who_holds_more()
    {
        Requests.On<ListMyClientMembers, IReadOnlyList<ClientMemberInfo>>(Members());
        var users = RenderIn<ClientUsersPage>(Member(ClientPermissions.ManageUsers, ClientPermissions.ManageServices));

        users.Find("[data-testid=grant-hint]").TextContent.Should().Be("You can give only the permissions you hold yourself.");
        var enabled = users.FindAll("input[data-testid^=invite-perm-]").Where(i => !i.HasAttribute("disabled")).Select(i => i.GetAttribute("data-testid"));
        enabled.Should().BeEquivalentTo("invite-perm-users-manage", "invite-perm-services-manage");
        // Colin may see transactions, which the manager may not: he is not theirs to change or remove.
        var colin = users.Find("[data-testid='member-colin@example.test']");
        colin.QuerySelector("[data-testid=edit-permissions]").Should().BeNull();
        colin.QuerySelector("[data-testid=remove-member]").Should().BeNull();
    }

    [Fact]
    public void Staff_signed_in_as_the_client_see_its_people_but_every_change_is_disabled_and_said_why()
    {
        Requests.On<ListMyClientMembers, IReadOnlyList<ClientMemberInfo>>(Members());
        var users = RenderIn<ClientUsersPage>(Owner() with { SignedInByStaff = "Stan Staff" });

        users.WaitForAssertion(() => users.Find("[data-testid='member-colin@example.test']"));
        users.Find("[data-testid=staff-session-notice]").TextContent.Should().Contain("people are the client's to change");
        users.Find("[data-testid=invite]").HasAttribute("disabled").Should().BeTrue();
        var colin = users.Find("[data-testid='member-colin@example.test']");
        foreach (var action in new[] { "edit-permissions", "make-owner", "remove-member" })
            colin.QuerySelector($"[data-testid={action}]")!.HasAttribute("disabled").Should().BeTrue(action);
    }

    [Fact]
    public void Users_lists_the_invitations_waiting_by_address_only_and_withdraws_one()
    {
        var invitedId = Guid.CreateVersion7();
        Requests.On<ListMyClientMembers, IReadOnlyList<ClientMemberInfo>>(Members())
            .On<ListMyClientInvitations, IReadOnlyList<ClientInvitationInfo>>([new(invitedId, "ida@example.test", [ClientPermissions.ModifyProfile], "Olga Owner", DateTime.UtcNow)])
            .On<WithdrawMyClientInvitation, MediatR.Unit>(MediatR.Unit.Value);
        var users = RenderIn<ClientUsersPage>(Owner());

        users.WaitForAssertion(() => users.Find("[data-testid='invitation-ida@example.test']").TextContent.Should().Contain("Modify the profile").And.Contain("Olga Owner"));
        users.Find("[data-testid=invite-form]").TextContent.Should().Contain("gets an invitation to accept");
        users.Find("[data-testid=withdraw-invitation]").Click();
        users.WaitForAssertion(() => Requests.SentOf<WithdrawMyClientInvitation>().Should().ContainSingle().Which.ClientUserId.Should().Be(invitedId));
    }

    [Fact]
    public void A_member_who_is_not_owner_may_leave_the_client_from_its_profile()
    {
        GivenProfile();
        var profile = RenderIn<ClientProfilePage>(Member(ClientPermissions.ViewTransactions));
        profile.WaitForAssertion(() => profile.Find("[data-testid=leave-client]").TextContent.Should().Contain("You lose access to Nowak Hosting"));
        profile.Find("[data-testid=leave-client-button]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void An_invitation_to_a_bad_address_shows_the_error_under_the_address()
    {
        Requests.On<ListMyClientMembers, IReadOnlyList<ClientMemberInfo>>(Members());
        Requests.Refuse<InviteClientUser>(new RequestValidationException(new Dictionary<string, string[]> { ["Email"] = ["Enter a valid e-mail address."] }));
        var users = RenderIn<ClientUsersPage>(Owner());
        users.Find("input[data-testid=invite-email]").Change("not-an-address");
        users.Find("input[data-testid=invite-perm-transactions-view]").Change(true);
        users.Find("[data-testid=invite]").Click();

        users.WaitForAssertion(() => users.Find("[data-testid=error-Email]").TextContent.Should().Be("Enter a valid e-mail address."));
        var sent = Requests.SentOf<InviteClientUser>().Single();
        sent.Email.Should().Be("not-an-address");
        sent.Permissions.Should().Equal(ClientPermissions.ViewTransactions);
    }

    [Fact]
    public void Permission_checks_edit_the_given_set()
    {
        var selected = new HashSet<string> { ClientPermissions.ModifyProfile };
        var checks = Render<PermissionChecks>(p => p.Add(c => c.Selected, selected).Add(c => c.TestIdPrefix, "perm"));
        checks.FindAll("input[type=checkbox]").Should().HaveCount(ClientPermissions.All.Count);
        checks.Find("input[data-testid=perm-profile-modify]").HasAttribute("checked").Should().BeTrue();
        checks.Markup.Should().Contain("Pay and manage invoices");

        checks.Find("input[data-testid=perm-invoices-manage]").Change(true);
        checks.Find("input[data-testid=perm-profile-modify]").Change(false);
        selected.Should().BeEquivalentTo([ClientPermissions.ManageInvoices]);
    }

    // Two-factor island of My account

    [Fact]
    public void Two_factor_island_shows_the_current_state()
    {
        Requests.On<GetMyClientAccount, MyClientAccount>(Me with { TwoFactorEnabled = true });
        var island = RenderWithProviders<ClientTwoFactor>();
        island.Find("[data-testid=two-factor-status]").TextContent.Should().Be("On");
    }

    [Fact]
    public void Two_factor_island_signed_out_shows_why()
    {
        Requests.Refuse<GetMyClientAccount>(new NotAuthenticatedException());
        var island = RenderWithProviders<ClientTwoFactor>();
        island.FindAll("[data-testid=two-factor-status]").Should().BeEmpty();
        island.Find("[data-testid=form-message]");
    }
}
