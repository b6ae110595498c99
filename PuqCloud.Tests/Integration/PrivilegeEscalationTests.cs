using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// Every way an administrator who is not a super admin could come to hold more than they were given: joining a
/// stronger group, putting someone else or a new account into one, raising a group, or taking over a stronger
/// account through its e-mail address or password. Each is refused with 403, and nothing changes.
/// </summary>
public sealed class PrivilegeEscalationTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string Password = "Escalation-test-42";
    private readonly PuqAppFactory _app = fixture.App;

    /// <summary>Every permission of the console's own catalogue: what an "everything" group grants.</summary>
    private static readonly string[] Everything = typeof(Permissions).GetFields()
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!).ToArray();

    private async Task<Guid> GroupAsync(string name, params string[] permissions)
    {
        await using var db = _app.CreateDbContext();
        var group = new AdminGroup { Name = $"{name} {Guid.NewGuid():N}"[..40], CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
        group.Permissions.AddRange(permissions.Select(p => new AdminGroupPermission { Permission = p }));
        db.AdminGroups.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    private async Task<(Guid Id, string Email)> StaffInAsync(params Guid[] groups)
    {
        var email = $"staff-{Guid.NewGuid():N}@example.test";
        var staff = await _app.AddStaffAsync(email, Password, superAdmin: false);
        await using var db = _app.CreateDbContext();
        db.StaffGroupMemberships.AddRange(groups.Select(g => new StaffGroupMembership { StaffAccountId = staff.Id, GroupId = g }));
        await db.SaveChangesAsync();
        return (staff.Id, email);
    }

    private async Task<HttpClient> ClientOfAsync(string email) =>
        _app.CreateClient().WithBearer(await _app.CreateClient().GetTokenAsync(email, Password));

    private static object UpdateBody(string email, Guid[] groups, string firstName = "Test") => new
    {
        email, firstName, lastName = "Staff", language = "en", status = "Active", isSuperAdmin = false, groupIds = groups, allowedIps = (string?)null,
    };

    private async Task<List<Guid>> GroupsOfAsync(Guid staffId)
    {
        await using var db = _app.CreateDbContext();
        return await db.StaffGroupMemberships.Where(m => m.StaffAccountId == staffId).Select(m => m.GroupId).ToListAsync();
    }

    [Fact]
    public async Task An_admin_editor_cannot_put_themselves_or_anyone_into_a_stronger_group()
    {
        var editors = await GroupAsync("Admin editors", Permissions.AdminsView, Permissions.AdminsEdit);
        var everything = await GroupAsync("Everything", Everything);
        var actor = await StaffInAsync(editors);
        var colleague = await StaffInAsync();
        using var api = await ClientOfAsync(actor.Email);

        var self = await api.PutAsJsonAsync($"/api/admin/v1/admins/{actor.Id}", UpdateBody(actor.Email, [editors, everything]));
        var other = await api.PutAsJsonAsync($"/api/admin/v1/admins/{colleague.Id}", UpdateBody(colleague.Email, [everything]));

        self.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        other.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await other.Content.ReadAsStringAsync()).Should().Contain("permissions you do not hold yourself");
        (await GroupsOfAsync(actor.Id)).Should().Equal(editors);
        (await GroupsOfAsync(colleague.Id)).Should().BeEmpty();
        // A group within what the editor holds may be given.
        (await api.PutAsJsonAsync($"/api/admin/v1/admins/{colleague.Id}", UpdateBody(colleague.Email, [editors]))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GroupsOfAsync(colleague.Id)).Should().Equal(editors);
    }

    [Fact]
    public async Task An_admin_creator_cannot_create_an_administrator_in_a_stronger_group()
    {
        var creators = await GroupAsync("Admin creators", Permissions.AdminsView, Permissions.AdminsCreate);
        var everything = await GroupAsync("Everything", Everything);
        var actor = await StaffInAsync(creators);
        using var api = await ClientOfAsync(actor.Email);
        var email = $"new-{Guid.NewGuid():N}@example.test";
        object Body(Guid[] groups) => new { email, firstName = "New", lastName = "Admin", language = "en", groupIds = groups, isSuperAdmin = false, password = Password, confirmPassword = Password };

        var refused = await api.PostAsJsonAsync("/api/admin/v1/admins", Body([everything]));

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using (var db = _app.CreateDbContext())
            (await db.StaffAccounts.AnyAsync(s => s.Email == email)).Should().BeFalse("nothing is half-written");
        (await api.PostAsJsonAsync("/api/admin/v1/admins", Body([creators]))).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_group_editor_cannot_raise_a_group_nor_edit_or_delete_one_that_grants_more_than_they_hold()
    {
        var groupEditors = await GroupAsync("Group editors", Permissions.GroupsView, Permissions.GroupsEdit, Permissions.GroupsDelete, Permissions.ClientsView);
        var everything = await GroupAsync("Everything", Everything);
        var readers = await GroupAsync("Readers", Permissions.ClientsView);
        var actor = await StaffInAsync(groupEditors);
        using var api = await ClientOfAsync(actor.Email);

        var raiseOwn = await api.PutAsJsonAsync($"/api/admin/v1/groups/{groupEditors}", new
        {
            name = "Group editors plus", permissions = new[] { Permissions.GroupsView, Permissions.GroupsEdit, Permissions.GroupsDelete, Permissions.ClientsView, Permissions.AdminsEdit },
        });
        var renameStronger = await api.PutAsJsonAsync($"/api/admin/v1/groups/{everything}", new { name = "Mine now", permissions = new[] { Permissions.ClientsView } });
        var deleteStronger = await api.DeleteAsync($"/api/admin/v1/groups/{everything}");

        raiseOwn.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        renameStronger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        deleteStronger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using (var db = _app.CreateDbContext())
        {
            (await db.AdminGroupPermissions.CountAsync(p => p.GroupId == groupEditors)).Should().Be(4);
            (await db.AdminGroupPermissions.CountAsync(p => p.GroupId == everything)).Should().Be(Everything.Length);
        }
        (await api.PutAsJsonAsync($"/api/admin/v1/groups/{readers}", new { name = "Client readers", permissions = new[] { Permissions.ClientsView } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_editor_cannot_take_over_a_stronger_account_by_its_password_e_mail_or_deletion()
    {
        var managers = await GroupAsync("Admin managers", Permissions.AdminsView, Permissions.AdminsEdit, Permissions.AdminsDelete);
        var everything = await GroupAsync("Everything", Everything);
        var actor = await StaffInAsync(managers);
        var stronger = await StaffInAsync(everything);
        using var api = await ClientOfAsync(actor.Email);

        var password = await api.PostAsJsonAsync($"/api/admin/v1/admins/{stronger.Id}/password", new { password = "Taken-over-2026", confirmPassword = "Taken-over-2026" });
        var email = await api.PutAsJsonAsync($"/api/admin/v1/admins/{stronger.Id}", UpdateBody("attacker@example.test", [everything]));
        var deleted = await api.DeleteAsync($"/api/admin/v1/admins/{stronger.Id}");

        password.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        email.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        deleted.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.CreateClient().RequestTokenAsync(stronger.Email, Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the stronger account keeps its password and e-mail");
    }

    [Fact]
    public async Task Nobody_changes_their_own_groups_but_may_edit_their_own_name()
    {
        var editors = await GroupAsync("Admin editors", Permissions.AdminsView, Permissions.AdminsEdit);
        var readers = await GroupAsync("Readers", Permissions.ClientsView);
        var actor = await StaffInAsync(editors, readers);
        using var api = await ClientOfAsync(actor.Email);

        var dropped = await api.PutAsJsonAsync($"/api/admin/v1/admins/{actor.Id}", UpdateBody(actor.Email, [editors]));
        var renamed = await api.PutAsJsonAsync($"/api/admin/v1/admins/{actor.Id}", UpdateBody(actor.Email, [editors, readers], firstName: "Renamed"));

        dropped.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await dropped.Content.ReadAsStringAsync()).Should().Contain("your own groups");
        renamed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await GroupsOfAsync(actor.Id)).Should().BeEquivalentTo([editors, readers]);
    }
}
