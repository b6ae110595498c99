namespace PuqCloud.Tests.Support;

public static class AdminApiSession
{
    /// <summary>An HTTP client that calls the admin API as the bootstrap super admin.</summary>
    public static async Task<HttpClient> SuperAdminClientAsync(this PuqAppFactory app) =>
        app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));

    /// <summary>An HTTP client for a new staff member who holds exactly the given permissions (through a group).</summary>
    public static async Task<HttpClient> StaffClientWithAsync(this PuqAppFactory app, params string[] permissions)
    {
        var email = $"staff-{Guid.NewGuid():N}@example.test";
        var staff = await app.AddStaffAsync(email, "Limited-staff-123", superAdmin: false);
        await using (var db = app.CreateDbContext())
        {
            var group = new PuqCloud.Core.Domain.Staff.AdminGroup { Name = "Test group " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            group.Permissions.AddRange(permissions.Select(p => new PuqCloud.Core.Domain.Staff.AdminGroupPermission { Permission = p }));
            group.Members.Add(new PuqCloud.Core.Domain.Staff.StaffGroupMembership { StaffAccountId = staff.Id });
            db.AdminGroups.Add(group);
            await db.SaveChangesAsync();
        }
        return app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, "Limited-staff-123"));
    }
}
