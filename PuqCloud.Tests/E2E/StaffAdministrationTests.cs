using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace PuqCloud.Tests.E2E;

/// <summary>Settings → Staff: a super admin builds a group and an administrator in it; a limited admin sees neither.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StaffAdministrationTests(BrowserFixture browser) : BrowserTest(browser)
{
    [Fact]
    public async Task A_limited_admin_has_no_staff_menu_and_is_told_they_lack_the_permission()
    {
        var staff = await App.AddStaffAsync("limited@example.test", "Limited-admin-2024", superAdmin: false);
        await using (var db = App.CreateDbContext())
        {
            var group = new AdminGroup { Name = "Dashboard only", CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            group.Permissions.Add(new AdminGroupPermission { Permission = Permissions.DashboardView });
            group.Members.Add(new StaffGroupMembership { StaffAccountId = staff.Id });
            db.AdminGroups.Add(group);
            await db.SaveChangesAsync();
        }
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync("limited@example.test", "Limited-admin-2024");
        await page.ExpectConsoleAsync("limited@example.test");

        await Expect(page.GetByTestId("menu-dashboard")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("menu-staff")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("menu-admins")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("menu-groups")).ToHaveCountAsync(0);

        await page.GotoAsync("/admin/settings/staff/admins");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync("You do not have permission", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync(Permissions.AdminsView);
        await Expect(page.GetByTestId("admin-grid")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("create-admin")).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync("Administrators, access denied, light");
        await page.SnapAsync("staff-admins-denied-light");

        await page.GotoAsync("/admin/settings/staff/groups");
        await Expect(page.GetByTestId("access-denied")).ToContainTextAsync(Permissions.GroupsView, new() { Timeout = 15_000 });

        // Given only the view permission, the list opens, with the menu entry but without the buttons to change anything.
        await using (var db = App.CreateDbContext())
        {
            db.AdminGroupPermissions.Add(new AdminGroupPermission { GroupId = (await db.AdminGroups.SingleAsync(g => g.Name == "Dashboard only")).Id, Permission = Permissions.AdminsView });
            await db.SaveChangesAsync();
        }
        await page.GotoAsync("/admin/settings/staff/admins");
        await Expect(page.GetByTestId("admin-grid")).ToContainTextAsync(PuqAppFactory.AdminEmail, new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("menu-admins")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("menu-groups")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("create-admin")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("delete-admin")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_super_admin_builds_a_group_and_an_administrator_in_it()
    {
        await using var person = await Browser.NewPersonAsync(App.ServerAddress);
        var page = await person.NewPageAsync();
        await page.SignInAsStaffAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword);
        await page.ExpectConsoleAsync(PuqAppFactory.AdminEmail);

        // A group, created from the menu; the dialog leads to its permissions.
        await page.GetByTestId("menu-staff").ClickAsync();
        await page.GetByTestId("menu-groups").ClickAsync();
        await page.WaitForURLAsync("**/admin/settings/staff/groups");
        await Expect(page.GetByTestId("group-grid")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("Administrator groups, light");
        await page.GetByTestId("create-group").ClickAsync();
        await page.GetByTestId("group-name").FillAsync("Support desk");
        await page.SettleAsync();
        await page.AssertAccessibleAsync("New group dialog, light", within: ".mud-dialog");
        await page.GetByTestId("save-group").ClickAsync();
        await page.WaitForURLAsync("**/admin/settings/staff/groups/*");
        await Expect(page.GetByTestId("page-title")).ToHaveTextAsync("Support desk");
        await page.GetByTestId("group-description").FillAsync("First line: answers clients and reads the dashboard.");
        await page.GetByTestId($"perm-{Permissions.DashboardView}").ClickAsync();
        await page.GetByTestId($"perm-{Permissions.ClientsView}").ClickAsync();
        await page.GetByTestId($"perm-{Permissions.ClientsEdit}").ClickAsync();
        await page.GetByTestId("save-group").ClickAsync();
        await Expect(page.Toast("Support desk saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("permission-toggles")).ToContainTextAsync("3 of");
        await page.AssertAccessibleAsync("Group editor, light");
        await page.SnapAsync("staff-group-edit-light");
        await using (var db = App.CreateDbContext())
            (await db.AdminGroups.Include(g => g.Permissions).SingleAsync(g => g.Name == "Support desk")).Permissions.Select(p => p.Permission)
                .Should().BeEquivalentTo(Permissions.DashboardView, Permissions.ClientsView, Permissions.ClientsEdit);

        // An administrator in that group, created in the dialog and found with the search.
        await page.GetByTestId("menu-admins").ClickAsync();
        await page.WaitForURLAsync("**/admin/settings/staff/admins");
        await Expect(page.GetByTestId("admin-grid")).ToContainTextAsync(PuqAppFactory.AdminEmail);
        await page.AssertAccessibleAsync("Administrators, light");
        await page.GetByTestId("create-admin").ClickAsync();
        await page.GetByTestId("admin-email").FillAsync("marta.kowalska@example.test");
        await page.GetByTestId("admin-first-name").FillAsync("Marta");
        await page.GetByTestId("admin-last-name").FillAsync("Kowalska");
        await page.GetByTestId("admin-password").FillAsync("short1");
        await page.GetByTestId("admin-confirm-password").FillAsync("short1");
        await page.GetByTestId("save-admin").ClickAsync();
        await Expect(page.GetByTestId("error-Password")).ToContainTextAsync("at least 10");
        await page.ChooseManyAsync("admin-groups", "Support desk");
        await page.GetByTestId("admin-password").FillAsync("Warsaw-support-2024");
        await page.GetByTestId("admin-confirm-password").FillAsync("Warsaw-support-2024");
        await Expect(page.GetByTestId("admin-email")).ToHaveValueAsync("marta.kowalska@example.test");
        await Expect(page.GetByTestId("admin-password")).ToHaveValueAsync("Warsaw-support-2024");
        await page.AssertAccessibleAsync("New administrator dialog, light", within: ".mud-dialog");
        await page.SnapAsync("staff-admin-create-light");
        await page.GetByTestId("save-admin").ClickAsync();
        await Expect(page.GetByTestId("admin-dialog")).ToHaveCountAsync(0);

        await page.GetByTestId("search").FillAsync("kowalska");
        await Expect(page.GetByTestId("admin-grid").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("admin-grid")).ToContainTextAsync("Marta Kowalska");
        await Expect(page.GetByTestId("admin-grid")).ToContainTextAsync("Support desk");
        await page.GetByTestId("search").FillAsync("");
        await Expect(page.GetByTestId("admin-grid").Locator("tbody tr")).ToHaveCountAsync(2);
        await page.SnapAsync("staff-admins-light");

        // The edit page: a wrong IP entry is refused next to the field; a good list is saved one per line.
        await page.GetByTestId("admin-grid").GetByText("Marta Kowalska").ClickAsync();
        await page.WaitForURLAsync("**/admin/settings/staff/admins/*");
        await Expect(page.GetByTestId("page-title")).ToContainTextAsync("Marta Kowalska");
        await page.GetByTestId("admin-ips").FillAsync("10.0.0.0/8\nnot-an-address");
        await page.GetByTestId("save-admin").ClickAsync();
        await Expect(page.GetByTestId("error-AllowedIps")).ToContainTextAsync("not-an-address");
        await page.GetByTestId("admin-ips").FillAsync("127.0.0.1, 10.0.0.0/8");
        await page.GetByTestId("save-admin").ClickAsync();
        await Expect(page.Toast("Marta Kowalska saved")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("admin-ips")).ToHaveValueAsync("127.0.0.1\n10.0.0.0/8");
        await page.AssertAccessibleAsync("Administrator editor, light");
        await page.SnapAsync("staff-admin-edit-light");

        await page.GetByTestId("change-password").ClickAsync();
        await page.GetByTestId("new-password").FillAsync("Brand-new-secret-42");
        await page.GetByTestId("confirm-new-password").FillAsync("Brand-new-secret-42");
        await page.AssertAccessibleAsync("Change password dialog, light", within: ".mud-dialog");
        await page.GetByTestId("save-password").ClickAsync();
        await Expect(page.GetByTestId("password-dialog")).ToHaveCountAsync(0);
        (await App.CreateClient().RequestTokenAsync("marta.kowalska@example.test", "Brand-new-secret-42")).IsSuccessStatusCode.Should().BeTrue();

        // The last super admin cannot step down: the page says why and nothing changes.
        await page.GotoAsync("/admin/settings/staff/admins");
        await page.GetByTestId("admin-grid").GetByText(PuqAppFactory.AdminEmail).WaitForAsync();
        var myRow = page.GetByTestId("admin-grid").Locator("tbody tr", new() { HasText = PuqAppFactory.AdminEmail });
        await myRow.GetByTestId("edit-admin").ClickAsync();
        await page.WaitForURLAsync("**/admin/settings/staff/admins/*");
        await Expect(page.GetByTestId("admin-form")).ToBeVisibleAsync();
        await page.GetByTestId("admin-super").ClickAsync();
        await page.GetByTestId("save-admin").ClickAsync();
        await Expect(page.GetByTestId("form-message")).ToContainTextAsync("last active super admin");

    }
}
