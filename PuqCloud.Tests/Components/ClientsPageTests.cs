using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.ClientArea;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Finance.Vies;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Clients;
using PuqCloud.Web.Components.Admin.Users;

namespace PuqCloud.Tests.Components;

/// <summary>Clients and Users: loaded and empty states, field errors under their fields, permission-gated buttons, the owner picker.</summary>
public sealed class ClientsPageTests : ComponentTest
{
    private static readonly Guid Pln = Guid.CreateVersion7();

    private static PagedResult<T> Page<T>(params T[] items) => new(items, items.Length, 1, 25);

    private static ClientListItem NowakRow(Guid id) => new(id, "Nowak Cloud Sp. z o.o.", "Nowak Cloud Sp. z o.o.", "Nora Nowak", "nora@example.test", ClientStatus.Active,
        "PL", "Warszawa", new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc), 12.5m, "PLN", "12.50 PLN");

    private static UserListItem Nora(int clients = 1) => new(Guid.CreateVersion7(), "Nora Nowak", "nn", "nora@example.test", "+48 601 234 567", AccountStatus.Active,
        TwoFactorEnabled: false, EmailVerified: true, PhoneVerified: false, clients, new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc));

    private static AddressDto Billing => new(Guid.CreateVersion7(), AddressType.Billing, "Billing", null, null, null, "Marszałkowska 10", null, "Warszawa", "00-590", "PL",
        "Poland", "PL-14", "Mazowieckie");

    private static ClientDetails Nowak(Guid id, AddressDto? billing = null) => new(id, "Nowak Cloud Sp. z o.o.", "Nora", "Nowak", "Nowak Cloud Sp. z o.o.", "PL5250001009",
        "+48 601 234 567", "pl", Pln, "PLN", ClientStatus.Active, 12.5m, "12.50 PLN", "Pays on time", new DateTime(2026, 2, 3, 4, 5, 6, DateTimeKind.Utc),
        Guid.CreateVersion7(), "Nora Nowak", "nora@example.test", 1, billing);

    private void GivenReferenceLists()
    {
        Requests.On<ListCurrencyOptions, IReadOnlyList<CurrencyOption>>([new(Pln, "PLN", IsDefault: true)])
            .On<ListCountryOptions, IReadOnlyList<CountryOption>>([new("PL", "Poland"), new("DE", "Germany")])
            .On<ListRegionOptions, IReadOnlyList<RegionOption>>([new("PL-14", "Mazowieckie", "voivodeship")]);
    }

    [Fact]
    public void Clients_list_shows_each_client_with_owner_status_and_balance()
    {
        GivenStaffPermissions(Permissions.ClientsView, Permissions.ClientsCreate);
        var id = Guid.CreateVersion7();
        Requests.On<ListClients, PagedResult<ClientListItem>>(Page(NowakRow(id)));

        var page = RenderWithProviders<Clients>();

        page.WaitForAssertion(() => page.Find("[data-testid=client-grid]").TextContent.Should().Contain("Nowak Cloud Sp. z o.o.")
            .And.Contain("nora@example.test").And.Contain("Active").And.Contain("12.50 PLN").And.Contain("Warszawa, PL"));
        page.Find($"a[href='/admin/clients/{id}']").TextContent.Should().Be("Nowak Cloud Sp. z o.o.");
        page.Find("[data-testid=create-client]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void Clients_list_says_when_there_is_no_client_and_locks_create_without_the_permission()
    {
        GivenStaffPermissions(Permissions.ClientsView);
        Requests.On<ListClients, PagedResult<ClientListItem>>(Page<ClientListItem>());

        var page = RenderWithProviders<Clients>();

        page.WaitForAssertion(() => page.Find("[data-testid=clients-empty]").TextContent.Should().Contain("No clients yet."));
        page.WaitForAssertion(() => page.Find("[data-testid=create-client]").HasAttribute("disabled").Should().BeTrue());
    }

    [Fact]
    public void Users_list_shows_each_user_with_the_count_of_clients()
    {
        GivenStaffPermissions(Permissions.UsersView, Permissions.UsersCreate, Permissions.UsersEdit, Permissions.UsersDelete);
        Requests.On<ListUsers, PagedResult<UserListItem>>(Page(Nora(clients: 2)));

        var page = RenderWithProviders<Users>();

        page.WaitForAssertion(() => page.Find("[data-testid=user-grid]").TextContent.Should().Contain("Nora Nowak").And.Contain("nora@example.test").And.Contain("+48 601 234 567"));
        page.Find("[data-testid=show-clients]").TextContent.Should().Contain("2");
        page.Find("[data-testid=edit-user]").HasAttribute("disabled").Should().BeFalse();
        page.Find("[data-testid=delete-user]").HasAttribute("disabled").Should().BeFalse();
    }

    [Fact]
    public void Users_list_says_when_there_is_no_user_and_locks_what_the_permissions_do_not_allow()
    {
        GivenStaffPermissions(Permissions.UsersView);
        Requests.On<ListUsers, PagedResult<UserListItem>>(Page<UserListItem>());

        var page = RenderWithProviders<Users>();

        page.WaitForAssertion(() => page.Find("[data-testid=users-empty]").TextContent.Should().Contain("No users yet."));
        page.WaitForAssertion(() => page.Find("[data-testid=create-user]").HasAttribute("disabled").Should().BeTrue());
    }

    [Fact]
    public void Users_list_without_edit_and_delete_permissions_locks_the_row_buttons()
    {
        GivenStaffPermissions(Permissions.UsersView);
        Requests.On<ListUsers, PagedResult<UserListItem>>(Page(Nora()));

        var page = RenderWithProviders<Users>();

        page.WaitForAssertion(() => page.Find("[data-testid=edit-user]").HasAttribute("disabled").Should().BeTrue());
        page.Find("[data-testid=delete-user]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void New_user_dialog_shows_each_refused_field_under_its_field()
    {
        GivenStaffPermissions(Permissions.UsersView, Permissions.UsersCreate);
        Requests.On<ListUsers, PagedResult<UserListItem>>(Page<UserListItem>())
            .Refuse<CreateUser>(new RequestValidationException(new Dictionary<string, string[]>
            {
                ["Email"] = ["A user with this e-mail address exists."],
                ["Password"] = ["The password must be at least 10 characters long."],
            }));
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Users>();

        page.WaitForAssertion(() => page.Find("[data-testid=create-user]").HasAttribute("disabled").Should().BeFalse());
        page.Find("[data-testid=create-user]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=save-user]"));
        dialogs.Find("[data-testid=save-user]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Email]").TextContent.Should().Contain("exists"));
        dialogs.Find("[data-testid=error-Password]").TextContent.Should().Contain("at least 10");
    }

    [Fact]
    public void New_client_shows_the_refused_fields_under_them_and_a_message_above()
    {
        GivenStaffPermissions(Permissions.ClientsCreate);
        GivenReferenceLists();
        Requests.Refuse<CreateClient>(new RequestValidationException(new Dictionary<string, string[]>
        {
            ["Email"] = ["'E-mail address' must not be empty."],
            ["Address1"] = ["'Address' must not be empty."],
            ["FirstName"] = ["'First name' must not be empty."],
        }));

        var page = RenderWithProviders<NewClient>();

        page.WaitForAssertion(() => page.Find("input[data-testid=currency]").GetAttribute("value").Should().Be("PLN"));
        page.Find("[data-testid=save-client]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-Email]").TextContent.Should().Contain("must not be empty"));
        page.Find("[data-testid=error-Address1]").TextContent.Should().Contain("'Address'");
        page.Find("[data-testid=error-FirstName]").TextContent.Should().Contain("'First name'");
        page.Find("[data-testid=form-message]").TextContent.Should().Contain("Check the fields marked below.");
        var sent = Requests.SentOf<CreateClient>().Single();
        sent.Owner.ExistingUserId.Should().BeNull();
        sent.CurrencyId.Should().Be(Pln);
    }

    [Fact]
    public void New_client_existing_user_picker_with_no_users_renders_without_throwing()
    {
        GivenStaffPermissions(Permissions.ClientsCreate);
        GivenReferenceLists();
        Requests.On<ListUsers, PagedResult<UserListItem>>(Page<UserListItem>());
        var popovers = Render<MudPopoverProvider>();
        Render<MudDialogProvider>();

        var page = Render<NewClient>();
        page.Find("input[data-testid=owner-existing]").Click();
        page.WaitForAssertion(() => page.Find("input[data-testid=existing-user]"));
        page.FindAll("[data-testid=owner-email]").Should().BeEmpty();

        page.Find("input[data-testid=existing-user]").Input("nobody");

        popovers.WaitForAssertion(() => popovers.Markup.Should().Contain("No user matches."), TimeSpan.FromSeconds(5));
        Requests.SentOf<ListUsers>().Should().NotBeEmpty();
    }

    [Fact]
    public void Client_page_opens_on_the_summary_with_its_own_request_and_shows_the_figures()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ClientsView, Permissions.ClientsSignInAs);
        Requests.On<GetClient, ClientDetails>(Nowak(id, Billing));

        var page = RenderWithProviders<ClientPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=client-balance]").TextContent.Should().Be("12.50 PLN"));
        page.Find("[data-testid=page-title]").TextContent.Should().Contain("Nowak Cloud Sp. z o.o.");
        page.Find("[data-testid=client-summary]").TextContent.Should().Contain("Marszałkowska 10").And.Contain("Mazowieckie, Poland").And.Contain("PL5250001009");
        page.FindAll("[data-testid=sign-in-as-client]").Should().ContainSingle();
        Requests.SentOf<ListClientAddresses>().Should().BeEmpty("the Profile tab loads the addresses when it opens");
        Requests.SentOf<ListClientMembers>().Should().BeEmpty("the Users tab loads the members when it opens");
    }

    [Fact]
    public void Client_summary_without_a_billing_address_says_where_to_add_one()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ClientsView);
        Requests.On<GetClient, ClientDetails>(Nowak(id));

        var page = RenderWithProviders<ClientPage>(p => p.Add(c => c.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=client-summary]").TextContent.Should().Contain("No billing address yet."));
        page.FindAll("[data-testid=sign-in-as-client]").Should().BeEmpty();
    }

    [Fact]
    public void Client_profile_tab_lists_the_addresses_and_shows_a_refused_field_under_it()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ClientsView, Permissions.ClientsEdit);
        GivenReferenceLists();
        Requests.On<GetClient, ClientDetails>(Nowak(id, Billing)).On<ListClientAddresses, IReadOnlyList<AddressDto>>([Billing])
            .Refuse<UpdateClient>(RequestValidationException.For("TaxId", "'Tax ID' is not valid."));

        var tab = RenderWithProviders<ClientProfileTab>(p => p.Add(t => t.ClientId, id).Add(t => t.Can, (string perm) => perm == Permissions.ClientsEdit));

        tab.WaitForAssertion(() => tab.Find("[data-testid=address-grid]").TextContent.Should().Contain("Marszałkowska 10"));
        tab.Find("input[data-testid=tax-id]").GetAttribute("value").Should().Be("PL5250001009");
        tab.FindAll("[data-testid=delete-address]").Should().BeEmpty("the billing address cannot be deleted");
        tab.Find("[data-testid=save-profile]").Click();
        tab.WaitForAssertion(() => tab.Find("[data-testid=error-TaxId]").TextContent.Should().Contain("not valid"));
    }

    [Fact]
    public void Client_profile_tab_without_edit_permission_is_read_only_and_says_when_there_is_no_address()
    {
        var id = Guid.CreateVersion7();
        GivenReferenceLists();
        Requests.On<GetClient, ClientDetails>(Nowak(id)).On<ListClientAddresses, IReadOnlyList<AddressDto>>([]);

        var tab = RenderWithProviders<ClientProfileTab>(p => p.Add(t => t.ClientId, id).Add(t => t.Can, (string _) => false));

        tab.WaitForAssertion(() => tab.Find("[data-testid=addresses-empty]").TextContent.Should().Contain("No addresses yet."));
        tab.Find("[data-testid=save-profile]").HasAttribute("disabled").Should().BeTrue();
        tab.Find("[data-testid=create-address]").HasAttribute("disabled").Should().BeTrue();
        tab.Find("input[data-testid=first-name]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Client_profile_tab_shows_the_vies_answer_next_to_the_tax_id_and_check_now_queues_a_check()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.ClientsView, Permissions.ClientsEdit);
        GivenReferenceLists();
        var confirmed = new ClientVatCheckDto("PL5250001009", VatCheckStatus.Valid, new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), null, true,
            new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), "WAPIAAAAZ4Qk9X");
        Requests.On<GetClient, ClientDetails>(Nowak(id, Billing) with { VatCheck = confirmed }).On<ListClientAddresses, IReadOnlyList<AddressDto>>([Billing])
            .On<CheckClientVatId, VatCheckQueued>(new VatCheckQueued(Guid.CreateVersion7(), "PL5250001009"));

        var tab = RenderWithProviders<ClientProfileTab>(p => p.Add(t => t.ClientId, id).Add(t => t.Can, (string perm) => perm == Permissions.ClientsEdit));

        tab.WaitForAssertion(() => tab.Find("[data-testid=vat-check-status]").TextContent.Trim().Should().Be("Valid"));
        tab.Find("[data-testid=vat-check-id]").TextContent.Should().Be("PL5250001009");
        tab.Find("[data-testid=vat-check-consultation]").TextContent.Should().Be("WAPIAAAAZ4Qk9X");
        tab.Find("button[data-testid=vat-check-now]").Click();
        tab.WaitForAssertion(() => Requests.SentOf<CheckClientVatId>().Single().ClientId.Should().Be(id));
    }

    [Fact]
    public void Client_profile_tab_says_when_the_tax_id_is_no_eu_vat_id_or_was_not_checked()
    {
        var id = Guid.CreateVersion7();
        GivenReferenceLists();
        Requests.On<GetClient, ClientDetails>(Nowak(id) with { VatCheck = new ClientVatCheckDto(null, VatCheckStatus.NotChecked, null, null, false, null, null) })
            .On<ListClientAddresses, IReadOnlyList<AddressDto>>([]);
        var tab = RenderWithProviders<ClientProfileTab>(p => p.Add(t => t.ClientId, id).Add(t => t.Can, (string _) => false));
        tab.WaitForAssertion(() => tab.Find("[data-testid=vat-check-none]").TextContent.Should().Contain("not an EU VAT ID"));
        tab.FindAll("[data-testid=vat-check-now]").Should().BeEmpty();
    }

    [Fact]
    public void Client_profile_tab_shows_an_unchecked_vat_id_and_check_now_needs_the_edit_permission()
    {
        var id = Guid.CreateVersion7();
        GivenReferenceLists();
        Requests.On<GetClient, ClientDetails>(Nowak(id, Billing) with { VatCheck = new ClientVatCheckDto("PL5250001009", VatCheckStatus.NotChecked, null, null, false, null, null) })
            .On<ListClientAddresses, IReadOnlyList<AddressDto>>([Billing]);
        var tab = RenderWithProviders<ClientProfileTab>(p => p.Add(t => t.ClientId, id).Add(t => t.Can, (string _) => false));
        tab.WaitForAssertion(() => tab.Find("[data-testid=vat-check-status]").TextContent.Trim().Should().Be("Not checked"));
        tab.Find("button[data-testid=vat-check-now]").HasAttribute("disabled").Should().BeTrue();
    }

    private static ClientMemberDto Member(string name, string email, bool owner) => new(Guid.CreateVersion7(), name, email, AccountStatus.Active, false, owner,
        owner ? ClientPermissions.All : [ClientPermissions.ManageInvoices], DateTime.UtcNow);

    [Fact]
    public void Client_users_tab_lists_the_members_with_row_buttons_for_all_but_the_owner()
    {
        var id = Guid.CreateVersion7();
        Requests.On<ListClientMembers, IReadOnlyList<ClientMemberDto>>([Member("Nora Nowak", "nora@example.test", owner: true), Member("Jan Kos", "jan@example.test", owner: false)])
            .On<ListClientInvitations, IReadOnlyList<ClientInvitationInfo>>([]);

        var tab = RenderWithProviders<ClientUsersTab>(p => p.Add(t => t.ClientId, id).Add(t => t.Can, (string perm) => perm == Permissions.ClientsEdit));

        tab.WaitForAssertion(() => tab.Find("[data-testid=member-grid]").TextContent.Should().Contain("nora@example.test").And.Contain("Owner").And.Contain("Manage invoices"));
        tab.FindAll("[data-testid=edit-member]").Should().ContainSingle();
        tab.FindAll("[data-testid=make-owner]").Should().ContainSingle();
        tab.FindAll("[data-testid=remove-member]").Should().ContainSingle();
    }

    /// <summary>Invitations a user manager sent from the client area show to staff, who may withdraw one once they confirm.</summary>
    [Fact]
    public void Client_users_tab_shows_the_invitations_waiting_and_withdraws_one_when_confirmed()
    {
        var id = Guid.CreateVersion7();
        var invited = Guid.CreateVersion7();
        Requests.On<ListClientMembers, IReadOnlyList<ClientMemberDto>>([Member("Nora Nowak", "nora@example.test", owner: true)])
            .On<ListClientInvitations, IReadOnlyList<ClientInvitationInfo>>([new(invited, "ida@example.test", [ClientPermissions.ManageUsers], "Nora Nowak", DateTime.UtcNow)])
            .On<WithdrawClientInvitation, MediatR.Unit>(MediatR.Unit.Value);
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var tab = Render<ClientUsersTab>(p => p.Add(t => t.ClientId, id).Add(t => t.Can, (string perm) => perm is Permissions.ClientsView or Permissions.ClientsEdit));

        var row = tab.WaitForElement("[data-testid='client-invitation-ida@example.test']", TimeSpan.FromSeconds(10));
        row.TextContent.Should().Contain("Manage users").And.Contain("Nora Nowak");
        tab.Find("button[data-testid=withdraw-client-invitation]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find(".mud-dialog").TextContent.Should().Contain("Withdraw the invitation sent to ida@example.test?"), TimeSpan.FromSeconds(10));
        Requests.SentOf<WithdrawClientInvitation>().Should().BeEmpty("nothing happens before the confirmation");
        dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Withdraw").Click();
        tab.WaitForAssertion(() => Requests.SentOf<WithdrawClientInvitation>().Should().ContainSingle()
            .Which.Should().Be(new WithdrawClientInvitation(id, invited)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Client_users_tab_without_edit_permission_has_no_row_buttons_and_says_when_only_the_owner_is_there()
    {
        var id = Guid.CreateVersion7();
        Requests.On<ListClientMembers, IReadOnlyList<ClientMemberDto>>([]).On<ListClientInvitations, IReadOnlyList<ClientInvitationInfo>>([]);

        var tab = RenderWithProviders<ClientUsersTab>(p => p.Add(t => t.ClientId, id).Add(t => t.Can, (string _) => false));

        tab.WaitForAssertion(() => tab.Find("[data-testid=members-empty]").TextContent.Should().Contain("Only the owner"));
        tab.Find("[data-testid=associate-user]").HasAttribute("disabled").Should().BeTrue();
    }
}
