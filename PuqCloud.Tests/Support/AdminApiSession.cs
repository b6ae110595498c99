using System.Security.Claims;
using MediatR;
using PuqCloud.Core.Security;

namespace PuqCloud.Tests.Support;

public static class AdminApiSession
{
    /// <summary>An HTTP client that calls the admin API as the bootstrap super admin.</summary>
    public static async Task<HttpClient> SuperAdminClientAsync(this PuqAppFactory app) =>
        app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(PuqAppFactory.AdminEmail, PuqAppFactory.AdminPassword));

    /// <summary>An HTTP client for a new staff member who holds exactly the given permissions (through a group).</summary>
    public static async Task<HttpClient> StaffClientWithAsync(this PuqAppFactory app, params string[] permissions)
    {
        var (_, email) = await app.AddStaffWithAsync(permissions);
        return app.CreateClient().WithBearer(await app.CreateClient().GetTokenAsync(email, LimitedPassword));
    }

    /// <summary>Sends a Core request through the real pipeline as the staff member, as a console page does.</summary>
    public static Task<T> SendAsStaffAsync<T>(this PuqAppFactory app, Guid staffId, IRequest<T> request) =>
        app.SendAsync(new ClaimsPrincipal(new ClaimsIdentity([new Claim(PuqClaims.StaffId, staffId.ToString()), new Claim(PuqClaims.Name, "Test staff")], "Test")), request);

    private const string LimitedPassword = "Limited-staff-123";

    /// <summary>A new staff member who holds exactly the given permissions (through a group of their own).</summary>
    public static async Task<(Guid Id, string Email)> AddStaffWithAsync(this PuqAppFactory app, params string[] permissions)
    {
        var email = $"staff-{Guid.NewGuid():N}@example.test";
        var staff = await app.AddStaffAsync(email, LimitedPassword, superAdmin: false);
        await using (var db = app.CreateDbContext())
        {
            var group = new PuqCloud.Core.Domain.Staff.AdminGroup { Name = "Test group " + Guid.NewGuid().ToString("N")[..8], CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };
            group.Permissions.AddRange(permissions.Select(p => new PuqCloud.Core.Domain.Staff.AdminGroupPermission { Permission = p }));
            group.Members.Add(new PuqCloud.Core.Domain.Staff.StaffGroupMembership { StaffAccountId = staff.Id });
            db.AdminGroups.Add(group);
            await db.SaveChangesAsync();
        }
        return (staff.Id, email);
    }
}
