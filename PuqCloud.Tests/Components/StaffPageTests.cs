using Bunit;
using MudBlazor;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Features.Staff.MyAccount;
using PuqCloud.Core.Features.ApiTokens;
using PuqCloud.Core.Features.Staff;
using PuqCloud.Core.Security;
using PuqCloud.Web.Components.Admin.Account;
using PuqCloud.Web.Components.Admin.Staff;

namespace PuqCloud.Tests.Components;

/// <summary>Settings → Staff and the signed-in administrator's own pages: loaded and empty states, field errors, permission-gated buttons.</summary>
public sealed class StaffPageTests : ComponentTest
{
    private static readonly GroupRef Support = new(Guid.CreateVersion7(), "Support desk");

    private static AdminRow Marta(Guid? id = null) => new(id ?? Guid.CreateVersion7(), "marta@example.test", "Marta", "Kowalska", "Marta Kowalska",
        AccountStatus.Active, IsSuperAdmin: false, TwoFactorEnabled: true, new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc), [Support]);

    private static AdminDetails MartaDetails(Guid id) => new(id, "marta@example.test", "Marta", "Kowalska", "Marta Kowalska", "en", AccountStatus.Active,
        IsSuperAdmin: false, TwoFactorEnabled: false, LastSignInAt: null, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "10.0.0.0/8", [Support]);

    private static PagedResult<T> Page<T>(params T[] items) => new(items, items.Length, 1, 25);

    [Fact]
    public void Admins_list_shows_each_administrator_with_groups_and_the_buttons_the_permissions_allow()
    {
        GivenStaffPermissions(Permissions.AdminsView, Permissions.AdminsCreate, Permissions.AdminsDelete);
        Requests.On<ListAdminGroupChoices, IReadOnlyList<GroupRef>>([Support]).On<ListAdmins, PagedResult<AdminRow>>(Page(Marta()));

        var page = RenderWithProviders<Admins>();

        page.WaitForAssertion(() => page.Find("[data-testid=admin-grid]").TextContent.Should().Contain("Marta Kowalska").And.Contain("Support desk"));
        page.Find("[data-testid=admin-grid]").TextContent.Should().Contain("2026-03-01 09:30:00");
        page.FindAll("[data-testid=create-admin]").Should().ContainSingle();
        page.FindAll("[data-testid=delete-admin]").Should().ContainSingle();
        page.Find("a[href^='/admin/settings/staff/admins/']").TextContent.Should().Be("Marta Kowalska");
    }

    [Fact]
    public void Admins_list_says_when_there_is_nobody_yet()
    {
        GivenStaffPermissions(Permissions.AdminsView);
        Requests.On<ListAdminGroupChoices, IReadOnlyList<GroupRef>>([]).On<ListAdmins, PagedResult<AdminRow>>(Page<AdminRow>());

        var page = RenderWithProviders<Admins>();

        page.WaitForAssertion(() => page.Markup.Should().Contain("No administrators yet."));
    }

    [Fact]
    public void Admins_list_without_create_and_delete_permissions_has_no_such_buttons()
    {
        GivenStaffPermissions(Permissions.AdminsView);
        Requests.On<ListAdminGroupChoices, IReadOnlyList<GroupRef>>([Support]).On<ListAdmins, PagedResult<AdminRow>>(Page(Marta()));

        var page = RenderWithProviders<Admins>();

        page.WaitForAssertion(() => page.Find("[data-testid=admin-grid]").TextContent.Should().Contain("Marta Kowalska"));
        page.FindAll("[data-testid=create-admin]").Should().BeEmpty();
        page.FindAll("[data-testid=delete-admin]").Should().BeEmpty();
        page.FindAll("[data-testid=edit-admin]").Should().ContainSingle();
    }

    [Fact]
    public void Admins_page_refused_names_the_missing_permission()
    {
        GivenStaffPermissions(Permissions.DashboardView);
        Requests.Refuse<ListAdminGroupChoices>(new AccessDeniedException($"This needs the permission {Permissions.AdminsView}."));

        var page = RenderWithProviders<Admins>();

        page.WaitForAssertion(() => page.Find("[data-testid=access-denied]").TextContent.Should().Contain(Permissions.AdminsView));
        page.FindAll("[data-testid=admin-grid]").Should().BeEmpty();
    }

    [Fact]
    public void New_administrator_dialog_shows_each_refused_field_under_its_field()
    {
        GivenStaffPermissions(Permissions.AdminsView, Permissions.AdminsCreate);
        Requests.On<ListAdminGroupChoices, IReadOnlyList<GroupRef>>([Support]).On<ListAdmins, PagedResult<AdminRow>>(Page<AdminRow>())
            .Refuse<CreateAdmin>(new RequestValidationException(new Dictionary<string, string[]>
            {
                ["Email"] = ["'E-mail' is not a valid e-mail address."],
                ["Password"] = ["The password must be at least 10 characters long."],
            }));
        var dialogs = Render<MudDialogProvider>();
        var page = Render<Admins>();

        page.WaitForAssertion(() => page.Find("[data-testid=create-admin]"));
        page.Find("[data-testid=create-admin]").Click();
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=save-admin]"));
        dialogs.Find("[data-testid=save-admin]").Click();

        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=error-Password]").TextContent.Should().Contain("at least 10"));
        dialogs.Find("[data-testid=error-Email]").TextContent.Should().Contain("valid e-mail");
        dialogs.FindAll("[data-testid=admin-dialog]").Should().ContainSingle("the dialog stays open");
    }

    [Fact]
    public void Administrator_editor_shows_the_details_and_an_ip_refusal_under_the_field()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.AdminsView, Permissions.AdminsEdit, Permissions.AdminsDelete);
        Requests.On<GetAdmin, AdminDetails>(MartaDetails(id)).On<ListAdminGroupChoices, IReadOnlyList<GroupRef>>([Support])
            .Refuse<UpdateAdmin>(RequestValidationException.For("AllowedIps", "'not-an-address' is not an IP address or CIDR range."));

        var page = RenderWithProviders<AdminEdit>(p => p.Add(a => a.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=page-title]").TextContent.Should().Contain("Marta Kowalska").And.Contain("marta@example.test"));
        page.Find("textarea[data-testid=admin-ips]").GetAttribute("value").Should().Be("10.0.0.0/8");
        page.Find("[data-testid=breadcrumbs] a").GetAttribute("href").Should().Be("/admin/settings/staff/admins");
        page.FindAll("[data-testid=delete-admin]").Should().ContainSingle();
        page.Find("[data-testid=save-admin]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-AllowedIps]").TextContent.Should().Contain("not-an-address"));
    }

    [Fact]
    public void Administrator_editor_resets_a_colleagues_two_factor_once_confirmed()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.AdminsView, Permissions.AdminsEdit);
        Requests.On<GetAdmin, AdminDetails>(MartaDetails(id) with { TwoFactorEnabled = true }).On<ListAdminGroupChoices, IReadOnlyList<GroupRef>>([Support])
            .On<ResetAdminTwoFactor, AdminDetails>(MartaDetails(id));
        Render<MudPopoverProvider>();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<AdminEdit>(p => p.Add(a => a.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=reset-two-factor]"));
        page.Find("[data-testid=reset-two-factor]").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.Should().Contain("Turn off two-factor sign-in for Marta Kowalska?"));
        Requests.SentOf<ResetAdminTwoFactor>().Should().BeEmpty("nothing is sent before the confirmation");
        dialogs.FindAll("button").Single(b => b.TextContent.Contains("Reset two-factor")).Click();

        page.WaitForAssertion(() => Requests.SentOf<ResetAdminTwoFactor>().Should().ContainSingle().Which.Id.Should().Be(id));
        page.WaitForAssertion(() => page.FindAll("[data-testid=reset-two-factor]").Should().BeEmpty("two-factor is off now"));
    }

    [Fact]
    public void My_password_page_shows_a_wrong_current_password_under_its_field_then_asks_to_sign_in_again()
    {
        var attempts = 0;
        Requests.On<ChangeMyPassword, MediatR.Unit>(r => ++attempts == 1
            ? throw RequestValidationException.For("CurrentPassword", "This is not your current password.")
            : MediatR.Unit.Value);
        var page = RenderWithProviders<Password>();

        page.Find("input[data-testid=current-password]").Change("guess");
        page.Find("input[data-testid=new-password]").Change("Next-password-2027");
        page.Find("input[data-testid=confirm-password]").Change("Next-password-2027");
        page.Find("[data-testid=change-my-password]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-CurrentPassword]").TextContent.Should().Contain("not your current password"));
        page.FindAll("[data-testid=sign-in-again]").Should().BeEmpty();

        page.Find("input[data-testid=current-password]").Change("Limited-staff-123");
        page.Find("[data-testid=change-my-password]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=sign-in-again]"));
        Requests.SentOf<ChangeMyPassword>().Last().Should().Be(new ChangeMyPassword("Limited-staff-123", "Next-password-2027", "Next-password-2027"));
    }

    [Fact]
    public void Administrator_editor_without_edit_permission_cannot_save_or_change_the_password()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.AdminsView);
        Requests.On<GetAdmin, AdminDetails>(MartaDetails(id)).On<ListAdminGroupChoices, IReadOnlyList<GroupRef>>([Support]);

        var page = RenderWithProviders<AdminEdit>(p => p.Add(a => a.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=admin-form]"));
        page.FindAll("[data-testid=save-admin]").Should().BeEmpty();
        page.FindAll("[data-testid=change-password]").Should().BeEmpty();
        page.FindAll("[data-testid=delete-admin]").Should().BeEmpty();
    }

    [Fact]
    public void Administrator_editor_of_an_unknown_administrator_says_so()
    {
        GivenStaffPermissions(Permissions.AdminsView);
        Requests.Refuse<GetAdmin>(new NotFoundException("The administrator was not found."));

        var page = RenderWithProviders<AdminEdit>(p => p.Add(a => a.Id, Guid.CreateVersion7()));

        page.WaitForAssertion(() => page.Find("[data-testid=form-message]").TextContent.Should().Contain("not found"));
        page.FindAll("[data-testid=admin-form]").Should().BeEmpty();
    }

    private static GroupRow SupportRow(Guid id) => new(id, "Support desk", AdminGroupType.Staff, "First line", PermissionCount: 3, MemberCount: 2);

    private static readonly IReadOnlyList<PermissionInfo> Catalog =
        [new(Permissions.DashboardView, "dashboard", "view"), new(Permissions.ClientsView, "clients", "view"), new(Permissions.ClientsEdit, "clients", "edit")];

    [Fact]
    public void Groups_list_shows_each_group_with_its_type_and_counts()
    {
        GivenStaffPermissions(Permissions.GroupsView, Permissions.GroupsCreate, Permissions.GroupsDelete);
        Requests.On<ListPermissions, IReadOnlyList<PermissionInfo>>(Catalog).On<ListGroups, PagedResult<GroupRow>>(Page(SupportRow(Guid.CreateVersion7())));

        var page = RenderWithProviders<Groups>();

        page.WaitForAssertion(() => page.Find("[data-testid=group-grid]").TextContent.Should().Contain("Support desk").And.Contain("First line").And.Contain("Staff"));
        page.FindAll("[data-testid=create-group]").Should().ContainSingle();
        page.FindAll("[data-testid=delete-group]").Should().ContainSingle();
    }

    [Fact]
    public void Groups_list_says_when_there_is_no_group_and_hides_what_the_permissions_do_not_allow()
    {
        GivenStaffPermissions(Permissions.GroupsView);
        Requests.On<ListPermissions, IReadOnlyList<PermissionInfo>>(Catalog).On<ListGroups, PagedResult<GroupRow>>(Page<GroupRow>());

        var page = RenderWithProviders<Groups>();

        page.WaitForAssertion(() => page.Find("[data-testid=groups-empty]").TextContent.Should().Contain("No groups yet."));
        page.FindAll("[data-testid=create-group]").Should().BeEmpty();
    }

    private static GroupDetails SupportDetails(Guid id, params string[] permissions) => new(id, "Support desk", AdminGroupType.Staff, "First line", permissions,
        [new GroupMember(Guid.CreateVersion7(), "Marta Kowalska", "marta@example.test")], DateTime.UtcNow, DateTime.UtcNow);

    [Fact]
    public void Group_editor_shows_the_permissions_on_and_a_refused_name_under_the_field()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.GroupsView, Permissions.GroupsEdit);
        Requests.On<GetGroup, GroupDetails>(SupportDetails(id, Permissions.ClientsView)).On<ListPermissions, IReadOnlyList<PermissionInfo>>(Catalog)
            .Refuse<UpdateGroup>(RequestValidationException.For("Name", "A group with this name exists."));

        var page = RenderWithProviders<GroupEdit>(p => p.Add(g => g.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=permission-toggles]").TextContent.Should().Contain("1 of 3 on"));
        page.Find("[data-testid=group-members]").TextContent.Should().Contain("Marta Kowalska");
        page.Find($"input[data-testid='perm-{Permissions.ClientsView}']").HasAttribute("checked").Should().BeTrue();
        page.Find("[data-testid=save-group]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-Name]").TextContent.Should().Contain("exists"));
    }

    [Fact]
    public void Group_editor_without_edit_permission_shows_the_switches_locked_and_no_save()
    {
        var id = Guid.CreateVersion7();
        GivenStaffPermissions(Permissions.GroupsView);
        Requests.On<GetGroup, GroupDetails>(SupportDetails(id)).On<ListPermissions, IReadOnlyList<PermissionInfo>>(Catalog);

        var page = RenderWithProviders<GroupEdit>(p => p.Add(g => g.Id, id));

        page.WaitForAssertion(() => page.Find("[data-testid=permission-toggles]").TextContent.Should().Contain("0 of 3 on"));
        page.FindAll("[data-testid=save-group]").Should().BeEmpty();
        page.FindAll("[data-testid=delete-group]").Should().BeEmpty();
        page.FindAll("input[data-testid^='perm-']").Should().OnlyContain(i => i.HasAttribute("disabled"));
    }

    [Fact]
    public void Api_tokens_page_lists_the_tokens_and_shows_a_missing_name_under_the_field()
    {
        GivenStaffPermissions();
        Requests.On<ListMyApiTokens, IReadOnlyList<ApiTokenSummary>>(
                [new(Guid.CreateVersion7(), "nightly export", "puq_ab12", DateTime.UtcNow.AddDays(-1), DateTime.UtcNow.AddDays(89), null, null, true)])
            .Refuse<CreateApiToken>(RequestValidationException.For("Name", "'Name' must not be empty."));

        var page = RenderWithProviders<ApiTokens>();

        page.WaitForAssertion(() => page.Find("[data-testid=token-grid]").TextContent.Should().Contain("nightly export").And.Contain("puq_ab12").And.Contain("Active"));
        page.FindAll("[data-testid=revoke-token]").Should().ContainSingle();
        page.Find("[data-testid=create-token]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=error-Name]").TextContent.Should().Contain("must not be empty"));
        page.FindAll("[data-testid=new-token]").Should().BeEmpty();
    }

    [Fact]
    public void Api_tokens_page_says_when_there_is_no_token()
    {
        Requests.On<ListMyApiTokens, IReadOnlyList<ApiTokenSummary>>([]);

        var page = RenderWithProviders<ApiTokens>();

        page.WaitForAssertion(() => page.Find("[data-testid=tokens-empty]").TextContent.Should().Contain("You have no tokens."));
    }

    [Fact]
    public void Security_page_shows_whether_two_factor_sign_in_is_on()
    {
        GivenStaffPermissions();

        var page = RenderWithProviders<Security>();

        page.WaitForAssertion(() => page.Find("[data-testid=two-factor-status]").TextContent.Should().Be("Off"));
        page.FindAll("[data-testid=begin-two-factor]").Should().ContainSingle();
    }
}
