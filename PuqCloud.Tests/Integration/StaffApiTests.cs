using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>Administrators, groups and the permission catalog through the admin API, on SQLite and PostgreSQL.</summary>
public abstract class StaffApiTests(PuqAppFactory app)
{
    private const string Password = "Staff-password-123";

    private static string NewEmail() => $"admin-{Guid.NewGuid():N}@example.test";

    private static object NewAdmin(string email, Guid[]? groups = null, bool superAdmin = false) =>
        new { email, firstName = "Nina", lastName = "Nowak", language = "pl", groupIds = groups ?? [], isSuperAdmin = superAdmin, password = Password, confirmPassword = Password };

    private static object Update(JsonElement admin, string? status = null, bool? superAdmin = null, Guid[]? groups = null, string? allowedIps = null) => new
    {
        email = admin.GetProperty("email").GetString(),
        firstName = admin.GetProperty("firstName").GetString(),
        lastName = admin.GetProperty("lastName").GetString(),
        language = admin.GetProperty("language").GetString(),
        status = status ?? admin.GetProperty("status").GetString(),
        isSuperAdmin = superAdmin ?? admin.GetProperty("isSuperAdmin").GetBoolean(),
        groupIds = groups ?? admin.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetGuid()).ToArray(),
        allowedIps = allowedIps ?? (admin.GetProperty("allowedIps").ValueKind == JsonValueKind.String ? admin.GetProperty("allowedIps").GetString() : null),
    };

    private static async Task<JsonElement> CreateGroupAsync(HttpClient client, params string[] permissions)
    {
        var created = await client.PostAsJsonAsync("/api/admin/v1/groups", new { name = "Group " + Guid.NewGuid().ToString("N")[..8], type = "Staff" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var group = await created.JsonAsync();
        if (permissions.Length == 0) return group;
        var updated = await client.PutAsJsonAsync($"/api/admin/v1/groups/{group.GetProperty("id").GetGuid()}",
            new { name = group.GetProperty("name").GetString(), description = "for tests", permissions });
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        return await updated.JsonAsync();
    }

    [Fact]
    public async Task An_unknown_sort_key_or_status_is_refused_with_the_keys_that_exist()
    {
        var client = await app.SuperAdminClientAsync();

        var sort = await client.GetAsync("/api/admin/v1/admins?sort=passwordHash");
        var status = await client.GetAsync("/api/admin/v1/admins?status=Sleeping");

        sort.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var sortErrors = (await sort.JsonAsync()).GetProperty("errors").GetProperty("sort")[0].GetString();
        sortErrors.Should().Contain("email").And.Contain("lastSignInAt");
        status.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/admin/v1/admins?sort=-email")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>A page past the last is empty however far it is: the largest page number overflowed the offset into a negative one (a 500 on PostgreSQL).</summary>
    [Fact]
    public async Task A_page_past_the_last_is_empty_however_far_it_is()
    {
        var client = await app.SuperAdminClientAsync();
        foreach (var list in new[] { "admins", "invoices", "countries" })
        {
            var response = await client.GetAsync($"/api/admin/v1/{list}?page={int.MaxValue}&pageSize=200");
            response.StatusCode.Should().Be(HttpStatusCode.OK, list);
            (await response.JsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0, list);
        }
    }

    [Fact]
    public async Task Admins_are_created_found_updated_and_deleted()
    {
        var client = await app.SuperAdminClientAsync();
        var group = await CreateGroupAsync(client, Permissions.DashboardView, Permissions.ClientsView);
        var groupId = group.GetProperty("id").GetGuid();
        var email = NewEmail();

        var created = await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(email.ToUpperInvariant(), [groupId]));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var admin = await created.JsonAsync();
        var id = admin.GetProperty("id").GetGuid();
        admin.GetProperty("email").GetString().Should().Be(email);
        admin.GetProperty("language").GetString().Should().Be("pl");
        admin.GetProperty("status").GetString().Should().Be("Active");
        admin.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("name").GetString()).Should().Equal(group.GetProperty("name").GetString());
        admin.TryGetProperty("passwordHash", out _).Should().BeFalse();

        // The new admin can sign in with the password and holds the group's permissions.
        var own = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, Password));
        (await (await own.GetAsync("/api/admin/v1/me")).JsonAsync()).GetProperty("permissions").EnumerateArray().Select(p => p.GetString())
            .Should().BeEquivalentTo(Permissions.DashboardView, Permissions.ClientsView);

        var page = await (await client.GetAsync($"/api/admin/v1/admins?search={Uri.EscapeDataString(email[..14])}&sort=-email")).JsonAsync();
        page.GetProperty("total").GetInt32().Should().Be(1);
        page.GetProperty("items")[0].GetProperty("groups")[0].GetProperty("id").GetGuid().Should().Be(groupId);
        (await (await client.GetAsync("/api/admin/v1/admins?search=Nina%20Nowak&status=Active&pageSize=200")).JsonAsync())
            .GetProperty("items").EnumerateArray().Should().Contain(a => a.GetProperty("id").GetGuid() == id);
        (await client.GetAsync("/api/admin/v1/admins?status=Sleeping")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var updated = await client.PutAsJsonAsync($"/api/admin/v1/admins/{id}", Update(admin, status: "Disabled", groups: [], allowedIps: "10.1.2.3, 192.168.0.0/16"));
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await updated.JsonAsync();
        after.GetProperty("status").GetString().Should().Be("Disabled");
        after.GetProperty("groups").GetArrayLength().Should().Be(0);
        after.GetProperty("allowedIps").GetString().Should().Be("10.1.2.3\n192.168.0.0/16");
        (await (await client.GetAsync("/api/admin/v1/admins?status=Disabled&pageSize=200")).JsonAsync())
            .GetProperty("items").EnumerateArray().Should().Contain(a => a.GetProperty("id").GetGuid() == id);
        // Disabled: its token stops working at once.
        (await own.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await client.DeleteAsync($"/api/admin/v1/admins/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/admin/v1/admins/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_admin_fields_come_back_per_field()
    {
        var client = await app.SuperAdminClientAsync();

        var response = await client.PostAsJsonAsync("/api/admin/v1/admins",
            new { email = "not-an-email", firstName = "", lastName = "X", language = "de", groupIds = new[] { Guid.NewGuid() }, password = "short", confirmPassword = "other" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.GetProperty("email")[0].GetString().Should().Contain("valid e-mail");
        errors.GetProperty("firstName")[0].GetString().Should().Contain("first name");
        errors.GetProperty("language")[0].GetString().Should().Contain("Polish");
        errors.GetProperty("password")[0].GetString().Should().Contain("at least 10");
        errors.GetProperty("confirmPassword")[0].GetString().Should().Contain("do not match");

        var unknownGroup = await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(NewEmail(), [Guid.NewGuid()]));
        unknownGroup.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknownGroup.JsonAsync()).GetProperty("errors").GetProperty("groupIds")[0].GetString().Should().Contain("existing staff groups");

        var duplicate = await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(PuqAppFactory.AdminEmail));
        duplicate.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await duplicate.JsonAsync()).GetProperty("errors").GetProperty("email")[0].GetString().Should().Contain("already");
    }

    [Fact]
    public async Task Invalid_allowed_ips_are_a_field_error()
    {
        var client = await app.SuperAdminClientAsync();
        var admin = await (await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(NewEmail()))).JsonAsync();

        var response = await client.PutAsJsonAsync($"/api/admin/v1/admins/{admin.GetProperty("id").GetGuid()}", Update(admin, allowedIps: "127.0.0.1\nnot-an-ip\n10.0.0.0/99"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("allowedIps")[0].GetString();
        message.Should().Contain("not-an-ip").And.Contain("10.0.0.0/99").And.NotContain("127.0.0.1");
        (await (await client.GetAsync($"/api/admin/v1/admins/{admin.GetProperty("id").GetGuid()}")).JsonAsync())
            .GetProperty("allowedIps").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_last_active_super_admin_cannot_be_deleted_disabled_or_stripped()
    {
        // An app of its own: in the shared one other tests make more super admins.
        await using var alone = await PuqAppFactory.StartAsync(app.Database);
        var client = await alone.SuperAdminClientAsync();
        var myId = (await (await client.GetAsync("/api/admin/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        var me = await (await client.GetAsync($"/api/admin/v1/admins/{myId}")).JsonAsync();

        // A second super admin who is disabled does not count.
        var second = await (await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(NewEmail(), superAdmin: true))).JsonAsync();
        var secondId = second.GetProperty("id").GetGuid();
        (await client.PutAsJsonAsync($"/api/admin/v1/admins/{secondId}", Update(second, status: "Disabled"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var before = await SnapshotAsync(alone, myId);
        foreach (var refused in new[]
                 {
                     await client.PutAsJsonAsync($"/api/admin/v1/admins/{myId}", Update(me, superAdmin: false, allowedIps: "127.0.0.1")),
                     await client.PutAsJsonAsync($"/api/admin/v1/admins/{myId}", Update(me, status: "Disabled")),
                     await client.DeleteAsync($"/api/admin/v1/admins/{myId}"),
                 })
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await refused.JsonAsync()).GetProperty("detail").GetString().Should().Contain("last active super admin");
        }
        (await SnapshotAsync(alone, myId)).Should().Be(before, "a refused change changes nothing");
        await using (var db = alone.CreateDbContext())
            (await db.StaffAccounts.CountAsync(s => s.IsSuperAdmin && s.Status == AccountStatus.Active)).Should().Be(1);

        // Once the second is active again, the first may step down; then the second is the last one.
        (await client.PutAsJsonAsync($"/api/admin/v1/admins/{secondId}", Update(second, status: "Active"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PutAsJsonAsync($"/api/admin/v1/admins/{myId}", Update(me, superAdmin: false))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/admin/v1/admins")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "without super-admin rights or groups nothing is left");
        await using (var db = alone.CreateDbContext())
            (await db.StaffAccounts.Where(s => s.IsSuperAdmin && s.Status == AccountStatus.Active).Select(s => s.Id).ToListAsync()).Should().Equal(secondId);
    }

    [Fact]
    public async Task Two_super_admins_demoting_each_other_at_once_leave_one()
    {
        await using var alone = await PuqAppFactory.StartAsync(app.Database);
        var first = await alone.SuperAdminClientAsync();
        var secondEmail = NewEmail();
        (await first.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(secondEmail, superAdmin: true))).StatusCode.Should().Be(HttpStatusCode.Created);
        var second = alone.CreateClient().WithBearer(await alone.CreateClient().GetTokenAsync(secondEmail, Password));
        var firstId = (await (await first.GetAsync("/api/admin/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        var secondId = (await (await second.GetAsync("/api/admin/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        var firstAdmin = await (await first.GetAsync($"/api/admin/v1/admins/{firstId}")).JsonAsync();
        var secondAdmin = await (await first.GetAsync($"/api/admin/v1/admins/{secondId}")).JsonAsync();

        // Each strips the other in the same instant: without the serializable transaction both could pass the count.
        var answers = await Task.WhenAll(
            first.PutAsJsonAsync($"/api/admin/v1/admins/{secondId}", Update(secondAdmin, superAdmin: false)),
            second.PutAsJsonAsync($"/api/admin/v1/admins/{firstId}", Update(firstAdmin, superAdmin: false)));

        // One wins. The other is refused: by the rule or the database's conflict check (409), or, when it starts after the
        // first has committed, because its sender is no longer a super admin (403).
        answers.Select(a => a.StatusCode).Should().ContainSingle(c => c == HttpStatusCode.OK);
        answers.Select(a => a.StatusCode).Should().OnlyContain(c => c == HttpStatusCode.OK || c == HttpStatusCode.Conflict || c == HttpStatusCode.Forbidden);
        await using var db = alone.CreateDbContext();
        (await db.StaffAccounts.CountAsync(s => s.IsSuperAdmin && s.Status == AccountStatus.Active)).Should().Be(1);
    }

    private static async Task<string> SnapshotAsync(PuqAppFactory factory, Guid id)
    {
        await using var db = factory.CreateDbContext();
        var s = await db.StaffAccounts.AsNoTracking().Include(x => x.Groups).SingleAsync(x => x.Id == id);
        return $"{s.IsSuperAdmin}|{s.Status}|{s.AllowedIps}|{s.FirstName}|{s.UpdatedAt:O}|{s.Groups.Count}";
    }

    [Fact]
    public async Task Only_a_super_admin_grants_super_admin_rights()
    {
        var editor = await app.StaffClientWithAsync(Permissions.AdminsView, Permissions.AdminsCreate, Permissions.AdminsEdit);

        (await editor.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(NewEmail(), superAdmin: true))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var plain = await editor.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(NewEmail()));
        plain.StatusCode.Should().Be(HttpStatusCode.Created);
        var admin = await plain.JsonAsync();
        (await editor.PutAsJsonAsync($"/api/admin/v1/admins/{admin.GetProperty("id").GetGuid()}", Update(admin, superAdmin: true))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Groups_are_created_given_permissions_and_deleted()
    {
        var client = await app.SuperAdminClientAsync();
        var name = "Support " + Guid.NewGuid().ToString("N")[..6];

        var created = await client.PostAsJsonAsync("/api/admin/v1/groups", new { name, type = "Staff", description = "First line" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var group = await created.JsonAsync();
        var id = group.GetProperty("id").GetGuid();
        group.GetProperty("type").GetString().Should().Be("Staff");
        group.GetProperty("permissions").GetArrayLength().Should().Be(0);

        (await client.PostAsJsonAsync("/api/admin/v1/groups", new { name = name.ToUpperInvariant(), type = "Staff" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var updated = await client.PutAsJsonAsync($"/api/admin/v1/groups/{id}",
            new { name, description = "Answers tickets", permissions = new[] { Permissions.ClientsView, Permissions.ClientsEdit } });
        updated.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await updated.JsonAsync();
        after.GetProperty("description").GetString().Should().Be("Answers tickets");
        after.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Should().Equal(Permissions.ClientsEdit, Permissions.ClientsView);

        var unknown = await client.PutAsJsonAsync($"/api/admin/v1/groups/{id}", new { name, permissions = new[] { "clients.fly" } });
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unknown.JsonAsync()).GetProperty("errors").GetProperty("permissions")[0].GetString().Should().Contain("clients.fly");

        var list = await (await client.GetAsync($"/api/admin/v1/groups?search={Uri.EscapeDataString(name)}&sort=-permissionCount")).JsonAsync();
        var row = list.GetProperty("items").EnumerateArray().Single();
        row.GetProperty("permissionCount").GetInt32().Should().Be(2);
        row.GetProperty("memberCount").GetInt32().Should().Be(0);

        var catalog = await (await client.GetAsync("/api/admin/v1/permissions")).JsonAsync();
        var adminsEdit = catalog.EnumerateArray().Single(p => p.GetProperty("key").GetString() == Permissions.AdminsEdit);
        adminsEdit.GetProperty("area").GetString().Should().Be("staff.admins");
        adminsEdit.GetProperty("action").GetString().Should().Be("edit");
        catalog.GetArrayLength().Should().Be(Permissions.All.Count);

        (await client.DeleteAsync($"/api/admin/v1/groups/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/admin/v1/groups/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    /// <summary>
    /// The console's forms send the whole record as they read it: a save from a page opened before a colleague's change
    /// undid it (a disabled admin enabled again, a removed permission given back). A save from an older revision is refused.
    /// </summary>
    [Fact]
    public async Task A_save_from_a_record_read_before_a_colleagues_change_is_refused_and_undoes_nothing()
    {
        var client = await app.SuperAdminClientAsync();
        var opened = await (await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(NewEmail()))).JsonAsync();
        var id = opened.GetProperty("id").GetGuid();
        var read = opened.GetProperty("revision").GetInt32();

        var disabled = await client.PutAsJsonAsync($"/api/admin/v1/admins/{id}", new { status = "Disabled", revision = read });
        disabled.StatusCode.Should().Be(HttpStatusCode.OK, await disabled.Content.ReadAsStringAsync());
        (await disabled.JsonAsync()).GetProperty("revision").GetInt32().Should().Be(read + 1);
        var stale = await client.PutAsJsonAsync($"/api/admin/v1/admins/{id}", new { status = "Active", lastName = "Nowakowska", revision = read });
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).Should().Contain("changed by someone else since you opened it");
        var now = await (await client.GetAsync($"/api/admin/v1/admins/{id}")).JsonAsync();
        (now.GetProperty("status").GetString(), now.GetProperty("lastName").GetString()).Should().Be(("Disabled", "Nowak"));

        var group = await CreateGroupAsync(client, Permissions.ClientsView, Permissions.ClientsDelete);
        var groupPath = $"/api/admin/v1/groups/{group.GetProperty("id").GetGuid()}";
        var groupRead = group.GetProperty("revision").GetInt32();
        (await client.PutAsJsonAsync(groupPath, new { permissions = new[] { Permissions.ClientsView }, revision = groupRead })).StatusCode.Should().Be(HttpStatusCode.OK);
        var staleGroup = await client.PutAsJsonAsync(groupPath, new { description = "Renamed", permissions = new[] { Permissions.ClientsView, Permissions.ClientsDelete }, revision = groupRead });
        staleGroup.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await (await client.GetAsync(groupPath)).JsonAsync()).GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Should().Equal(Permissions.ClientsView);
    }

    /// <summary>
    /// A permission of a module switched off since stays on its group: a rename through the API was refused for it (a
    /// field the caller never sent) and the console's save dropped it, so the group no longer granted it once the module
    /// was back.
    /// </summary>
    [Fact]
    public async Task A_permission_of_a_module_switched_off_since_survives_edits_of_its_group()
    {
        var client = await app.SuperAdminClientAsync();
        var group = await CreateGroupAsync(client, Permissions.ClientsView);
        var id = group.GetProperty("id").GetGuid();
        await using (var db = app.CreateDbContext())
        {
            db.Add(new Core.Domain.Staff.AdminGroupPermission { GroupId = id, Permission = "module.gone.view" });
            await db.SaveChangesAsync();
        }

        var renamed = await client.PutAsJsonAsync($"/api/admin/v1/groups/{id}", new { name = "Renamed " + Guid.NewGuid().ToString("N")[..6] });
        renamed.StatusCode.Should().Be(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync());
        var saved = await client.PutAsJsonAsync($"/api/admin/v1/groups/{id}", new { permissions = new[] { Permissions.ClientsView, Permissions.ClientsEdit } });
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.JsonAsync()).GetProperty("permissions").EnumerateArray().Select(p => p.GetString())
            .Should().Equal(Permissions.ClientsEdit, Permissions.ClientsView, "module.gone.view");
        (await client.PutAsJsonAsync($"/api/admin/v1/groups/{id}", new { permissions = new[] { "module.other.view" } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Notification_groups_carry_no_permissions_and_are_not_admin_groups()
    {
        var client = await app.SuperAdminClientAsync();
        var name = "Billing alerts " + Guid.NewGuid().ToString("N")[..6];
        var group = await (await client.PostAsJsonAsync("/api/admin/v1/groups", new { name, type = "Notification" })).JsonAsync();
        var id = group.GetProperty("id").GetGuid();

        var response = await client.PutAsJsonAsync($"/api/admin/v1/groups/{id}", new { name, permissions = new[] { Permissions.DashboardView } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("permissions")[0].GetString().Should().Contain("Only staff groups");
        (await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(NewEmail(), [id]))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await (await client.GetAsync("/api/admin/v1/groups?type=Notification&pageSize=200")).JsonAsync())
            .GetProperty("items").EnumerateArray().Should().OnlyContain(g => g.GetProperty("type").GetString() == "Notification");
    }

    [Fact]
    public async Task Group_permissions_take_effect_at_once_for_a_members_token()
    {
        var client = await app.SuperAdminClientAsync();
        var group = await CreateGroupAsync(client, Permissions.DashboardView);
        var groupId = group.GetProperty("id").GetGuid();
        var email = NewEmail();
        await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(email, [groupId]));
        var member = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, Password));
        (await member.GetAsync("/api/admin/v1/admins")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await client.PutAsJsonAsync($"/api/admin/v1/groups/{groupId}", new { name = group.GetProperty("name").GetString(), permissions = new[] { Permissions.AdminsView } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.GetAsync("/api/admin/v1/admins")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await member.GetAsync("/api/admin/v1/system/status")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        // Deleting the group takes its permissions from its members.
        (await client.DeleteAsync($"/api/admin/v1/groups/{groupId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await member.GetAsync("/api/admin/v1/admins")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await member.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_group_editor_gives_only_permissions_they_hold()
    {
        var editor = await app.StaffClientWithAsync(Permissions.GroupsView, Permissions.GroupsCreate, Permissions.GroupsEdit, Permissions.ClientsView);
        var group = await (await editor.PostAsJsonAsync("/api/admin/v1/groups", new { name = "Mine " + Guid.NewGuid().ToString("N")[..6], type = "Staff" })).JsonAsync();
        var url = $"/api/admin/v1/groups/{group.GetProperty("id").GetGuid()}";
        var name = group.GetProperty("name").GetString();

        (await editor.PutAsJsonAsync(url, new { name, permissions = new[] { Permissions.ClientsView } })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await editor.PutAsJsonAsync(url, new { name, permissions = new[] { Permissions.ClientsView, Permissions.AdminsEdit } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/admin/v1/admins", Permissions.AdminsView },
        { "GET", "/api/admin/v1/admins/{admin}", Permissions.AdminsView },
        { "POST", "/api/admin/v1/admins", Permissions.AdminsCreate },
        { "PUT", "/api/admin/v1/admins/{admin}", Permissions.AdminsEdit },
        { "POST", "/api/admin/v1/admins/{admin}/password", Permissions.AdminsEdit },
        { "POST", "/api/admin/v1/admins/{admin}/two-factor/reset", Permissions.AdminsEdit },
        { "DELETE", "/api/admin/v1/admins/{admin}", Permissions.AdminsDelete },
        { "GET", "/api/admin/v1/groups", Permissions.GroupsView },
        { "GET", "/api/admin/v1/groups/{group}", Permissions.GroupsView },
        { "POST", "/api/admin/v1/groups", Permissions.GroupsCreate },
        { "PUT", "/api/admin/v1/groups/{group}", Permissions.GroupsEdit },
        { "DELETE", "/api/admin/v1/groups/{group}", Permissions.GroupsDelete },
        { "GET", "/api/admin/v1/permissions", Permissions.GroupsView },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_endpoint_is_403_without_its_permission(string method, string path, string permission)
    {
        var super = await app.SuperAdminClientAsync();
        var targetAdmin = await (await super.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(NewEmail()))).JsonAsync();
        var targetGroup = await CreateGroupAsync(super);
        var url = path.Replace("{admin}", targetAdmin.GetProperty("id").GetString()).Replace("{group}", targetGroup.GetProperty("id").GetString());
        object body = path.Contains("/password") ? new { password = Password, confirmPassword = Password }
            : path.Contains("admins") ? (method == "PUT" ? Update(targetAdmin, status: "Disabled") : NewAdmin(NewEmail()))
            : new { name = "Denied " + Guid.NewGuid().ToString("N")[..6], type = "Staff", permissions = Array.Empty<string>() };

        // Every staff permission except the one this endpoint needs (and, for a view, the edit that includes it).
        var includes = permission.EndsWith(".view", StringComparison.Ordinal) ? permission[..^".view".Length] + ".edit" : permission;
        var limited = await app.StaffClientWithAsync(Permissions.All.Where(p => p != permission && p != includes).ToArray());
        var denied = await SendAsync(limited, method, url, body);
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await denied.JsonAsync()).GetProperty("detail").GetString().Should().Contain(permission);

        // Nothing happened: the targets are as they were.
        (await super.GetAsync($"/api/admin/v1/admins/{targetAdmin.GetProperty("id").GetString()}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await super.GetAsync($"/api/admin/v1/groups/{targetGroup.GetProperty("id").GetString()}")).StatusCode.Should().Be(HttpStatusCode.OK);

        // With the permission, the same call passes the access check.
        var allowed = await app.StaffClientWithAsync(permission);
        (await SendAsync(allowed, method, url, body)).StatusCode.Should().NotBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_new_password_works_and_old_console_sessions_end()
    {
        var client = await app.SuperAdminClientAsync();
        var email = NewEmail();
        var admin = await (await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(email))).JsonAsync();
        var id = admin.GetProperty("id").GetGuid();
        var token = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, Password));
        string oldStamp;
        await using (var db = app.CreateDbContext()) oldStamp = (await db.StaffAccounts.SingleAsync(s => s.Id == id)).SecurityStamp;
        using var scope = app.Services.CreateScope();
        var access = scope.ServiceProvider.GetRequiredService<IAccountAccess>();
        (await access.IsStaffSessionValidAsync(id, oldStamp, "127.0.0.1")).Should().BeTrue();

        // The policy is checked against the administrator's own e-mail address, not the caller's.
        var withEmail = email.Split('@')[0] + "-Z9";
        var weak = await client.PostAsJsonAsync($"/api/admin/v1/admins/{id}/password", new { password = withEmail, confirmPassword = withEmail });
        weak.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await weak.JsonAsync()).GetProperty("errors").GetProperty("password")[0].GetString().Should().Contain("e-mail");

        const string newPassword = "Brand-new-secret-77";
        (await client.PostAsJsonAsync($"/api/admin/v1/admins/{id}/password", new { password = newPassword, confirmPassword = newPassword }))
            .StatusCode.Should().Be(HttpStatusCode.NoContent);

        // A cookie issued with the old stamp is no longer valid, and the API tokens made before end too: a password set for
        // someone is how an account is taken back, and a token made by whoever held it must not outlive that.
        (await access.IsStaffSessionValidAsync(id, oldStamp, "127.0.0.1")).Should().BeFalse();
        (await token.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateClient().RequestTokenAsync(email, Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateClient().RequestTokenAsync(email, newPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    /// <summary>
    /// Disabling an admin (a stolen laptop) ends their sessions and API tokens for good: enabling them again brought back
    /// every token, and any cookie not used while they were disabled.
    /// </summary>
    [Fact]
    public async Task Disabling_an_admin_ends_their_sessions_and_tokens_for_good()
    {
        var client = await app.SuperAdminClientAsync();
        var email = NewEmail();
        var id = (await (await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(email))).JsonAsync()).GetProperty("id").GetGuid();
        var token = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, Password));
        string oldStamp;
        await using (var db = app.CreateDbContext()) oldStamp = (await db.StaffAccounts.SingleAsync(s => s.Id == id)).SecurityStamp;

        (await client.PutAsJsonAsync($"/api/admin/v1/admins/{id}", new { status = "Disabled" })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/admin/v1/admins/{id}", new { status = "Active" })).EnsureSuccessStatusCode();

        (await token.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var scope = app.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<IAccountAccess>().IsStaffSessionValidAsync(id, oldStamp, "127.0.0.1")).Should().BeFalse();
        (await app.CreateClient().RequestTokenAsync(email, Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the admin signs in again as ever");
    }

    /// <summary>
    /// A lost phone, or two-factor set up by whoever held a session: another admin turns it off without a code, and the
    /// account's sessions and tokens end. Nobody could, so a super admin's lost phone needed a database edit.
    /// </summary>
    [Fact]
    public async Task Another_admin_resets_a_lost_two_factor_and_the_accounts_ways_in_end()
    {
        var client = await app.SuperAdminClientAsync();
        var email = NewEmail();
        var id = (await (await client.PostAsJsonAsync("/api/admin/v1/admins", NewAdmin(email))).JsonAsync()).GetProperty("id").GetGuid();
        var token = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, Password));
        var reset = $"/api/admin/v1/admins/{id}/two-factor/reset";
        (await client.PostAsync(reset, null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "it has none to reset");
        await using (var db = app.CreateDbContext())
            await db.StaffAccounts.Where(s => s.Id == id).ExecuteUpdateAsync(u => u.SetProperty(s => s.TwoFactorEnabled, true).SetProperty(s => s.TotpSecret, "lost-with-the-phone"));
        (await app.CreateClient().RequestTokenAsync(email, Password)).StatusCode.Should().NotBe(HttpStatusCode.OK, "a code is asked for");

        var done = await client.PostAsync(reset, null);
        done.StatusCode.Should().Be(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
        (await done.JsonAsync()).GetProperty("twoFactorEnabled").GetBoolean().Should().BeFalse();
        (await token.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateClient().RequestTokenAsync(email, Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        var me = (await (await client.GetAsync("/api/admin/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        (await client.PostAsync($"/api/admin/v1/admins/{me}/two-factor/reset", null)).StatusCode.Should().Be(HttpStatusCode.Conflict, "one's own needs a code");
    }

    /// <summary>
    /// Staff without staff.admins.edit could never change their own password, and those with it set their own without
    /// the current one. Everyone now changes theirs with the current one, and the admin path is for others only.
    /// </summary>
    [Fact]
    public async Task Any_staff_member_changes_their_own_password_with_the_current_one()
    {
        var (id, email) = await app.AddStaffWithAsync();
        var token = app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, "Limited-staff-123"));
        const string next = "Next-password-2027";

        var wrong = await app.Invoking(a => a.SendAsStaffAsync(id, new Core.Features.Staff.MyAccount.ChangeMyPassword("not-it-at-all", next, next)))
            .Should().ThrowAsync<Core.Common.RequestValidationException>();
        wrong.Which.Errors.Keys.Should().Equal("CurrentPassword");
        await app.SendAsStaffAsync(id, new Core.Features.Staff.MyAccount.ChangeMyPassword("Limited-staff-123", next, next));

        (await token.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "its API tokens are revoked");
        (await app.CreateClient().RequestTokenAsync(email, "Limited-staff-123")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await app.CreateClient().RequestTokenAsync(email, next)).StatusCode.Should().Be(HttpStatusCode.OK);

        var super = await app.SuperAdminClientAsync();
        var me = (await (await super.GetAsync("/api/admin/v1/me")).JsonAsync()).GetProperty("id").GetGuid();
        (await super.PostAsJsonAsync($"/api/admin/v1/admins/{me}/password", new { password = next, confirmPassword = next }))
            .StatusCode.Should().Be(HttpStatusCode.Conflict, "one's own password is changed with the current one");
    }

    [Fact]
    public async Task Nobody_deletes_or_disables_themself()
    {
        var client = await app.StaffClientWithAsync(Permissions.AdminsView, Permissions.AdminsEdit, Permissions.AdminsDelete);
        var me = await (await client.GetAsync("/api/admin/v1/me")).JsonAsync();
        var id = me.GetProperty("id").GetGuid();
        var admin = await (await client.GetAsync($"/api/admin/v1/admins/{id}")).JsonAsync();

        var deleted = await client.DeleteAsync($"/api/admin/v1/admins/{id}");
        deleted.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await deleted.JsonAsync()).GetProperty("detail").GetString().Should().Contain("your own account");
        (await client.PutAsJsonAsync($"/api/admin/v1/admins/{id}", Update(admin, status: "Disabled"))).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.GetAsync("/api/admin/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, object body) => method switch
    {
        "GET" => client.GetAsync(url),
        "DELETE" => client.DeleteAsync(url),
        "POST" => client.PostAsJsonAsync(url, body),
        "PUT" => client.PutAsJsonAsync(url, body),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}

public sealed class SqliteStaffApiTests(SqliteAppFixture fixture) : StaffApiTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresStaffApiTests(PostgresAppFixture fixture) : StaffApiTests(fixture.App), IClassFixture<PostgresAppFixture>;
