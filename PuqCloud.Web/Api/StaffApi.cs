using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Features.Staff;

namespace PuqCloud.Web.Api;

/// <summary>Administrators, administrator groups and the permission catalog: the same requests as Settings → Staff.</summary>
public static class StaffApi
{
    public sealed record CreateAdminBody(string? Email, string? FirstName, string? LastName, string? Language, Guid[]? GroupIds, bool? IsSuperAdmin,
        string? Password, string? ConfirmPassword);

    public sealed record UpdateAdminBody(string? Email, string? FirstName, string? LastName, string? Language, AccountStatus? Status, bool? IsSuperAdmin,
        Guid[]? GroupIds, string? AllowedIps, int? Revision);

    public sealed record PasswordBody(string? Password, string? ConfirmPassword);

    public sealed record CreateGroupBody(string? Name, AdminGroupType? Type, string? Description);

    public sealed record UpdateGroupBody(string? Name, string? Description, string[]? Permissions, int? Revision);

    public static void MapStaff(this RouteGroupBuilder v1)
    {
        var admins = v1.MapGroup("/admins").WithTags("Administrators");
        admins.MapGet("", (IMediator m, [AsParameters] ListQuery q, string? status, CancellationToken ct) =>
                m.Send(new ListAdmins(q.ToPageRequest(), ParseEnum<AccountStatus>(status, "status")), ct))
            .WithName("ListAdmins")
            .WithSummary("Administrators, paged; search by name or e-mail; sort by name, email, status, isSuperAdmin, lastSignInAt; status=Active|Disabled.")
            .ProducesValidationProblem();
        admins.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetAdmin(id), ct))
            .WithName("GetAdmin")
            .WithSummary("An administrator with their groups, status, two-factor state and IP allowlist.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        admins.MapPost("", async (IMediator m, CreateAdminBody b, CancellationToken ct) =>
            {
                var created = await m.Send(new CreateAdmin(b.Email ?? "", b.FirstName ?? "", b.LastName ?? "", b.Language ?? "en", b.GroupIds ?? [],
                    b.IsSuperAdmin ?? false, b.Password ?? "", b.ConfirmPassword ?? ""), ct);
                return TypedResults.Created($"/api/admin/v1/admins/{created.Id}", created);
            })
            .WithName("CreateAdmin")
            .WithSummary("Create an administrator with a password, groups and (by a super admin only) super-admin rights.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        admins.MapPut("/{id:guid}", async (IMediator m, Guid id, UpdateAdminBody b, CancellationToken ct) =>
            {
                // Only what the body sends changes: the rest is taken from the administrator as it is (at the revision read
                // here, so that a change made between this read and the save is not undone).
                var a = await m.Send(new GetAdmin(id), ct);
                return await m.Send(new UpdateAdmin(id, b.Email ?? a.Email, b.FirstName ?? a.FirstName, b.LastName ?? a.LastName, b.Language ?? a.Language,
                    b.Status ?? a.Status, b.IsSuperAdmin ?? a.IsSuperAdmin, b.GroupIds ?? a.Groups.Select(g => g.Id).ToArray(), b.AllowedIps ?? a.AllowedIps, b.Revision ?? a.Revision), ct);
            })
            .WithName("UpdateAdmin")
            .WithSummary("Update an administrator; fields left out keep their value. allowedIps holds IP addresses and CIDR ranges, one per line (\"\" empties it). The last active super admin keeps its rights (409). revision (optional) is the one a GET answered: a save from an older one is refused (409), so it cannot undo a change made since.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admins.MapPost("/{id:guid}/password", async (IMediator m, Guid id, PasswordBody b, CancellationToken ct) =>
            {
                await m.Send(new ChangeAdminPassword(id, b.Password ?? "", b.ConfirmPassword ?? ""), ct);
                return TypedResults.NoContent();
            })
            .WithName("ChangeAdminPassword")
            .WithSummary("Set a new password; the administrator's console sessions end and their API tokens are revoked.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        admins.MapPost("/{id:guid}/two-factor/reset", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ResetAdminTwoFactor(id), ct))
            .WithName("ResetAdminTwoFactor")
            .WithSummary("Turn another administrator's two-factor sign-in off without a code (a lost phone): their console sessions end and their API tokens are revoked; they sign in with the password and may set it up again. Not for oneself (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        admins.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
            {
                await m.Send(new DeleteAdmin(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteAdmin")
            .WithSummary("Delete an administrator (never yourself, never the last active super admin).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var groups = v1.MapGroup("/groups").WithTags("Administrator groups");
        groups.MapGet("", (IMediator m, [AsParameters] ListQuery q, string? type, CancellationToken ct) =>
                m.Send(new ListGroups(q.ToPageRequest(), ParseEnum<AdminGroupType>(type, "type")), ct))
            .WithName("ListGroups")
            .WithSummary("Groups, paged; sort by name, type, permissionCount, memberCount; type=Staff|Notification.")
            .ProducesValidationProblem();
        groups.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetGroup(id), ct))
            .WithName("GetGroup")
            .WithSummary("A group with its permissions and members.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        groups.MapPost("", async (IMediator m, CreateGroupBody b, CancellationToken ct) =>
            {
                var created = await m.Send(new CreateGroup(b.Name ?? "", b.Type ?? AdminGroupType.Staff, b.Description), ct);
                return TypedResults.Created($"/api/admin/v1/groups/{created.Id}", created);
            })
            .WithName("CreateGroup")
            .WithSummary("Create an administrator group by its name, type (Staff unless given) and description; permissions are set by PUT.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        groups.MapPut("/{id:guid}", async (IMediator m, Guid id, UpdateGroupBody b, CancellationToken ct) =>
            {
                var g = await m.Send(new GetGroup(id), ct);
                return await m.Send(new UpdateGroup(id, b.Name ?? g.Name, b.Description ?? g.Description, b.Permissions ?? g.Permissions.ToArray(), b.Revision ?? g.Revision), ct);
            })
            .WithName("UpdateGroup")
            .WithSummary("Rename a group, set its description and its whole set of permissions (staff groups only); fields left out keep their value. revision (optional) is the one a GET answered: a save from an older one is refused (409).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        groups.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
            {
                await m.Send(new DeleteGroup(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteGroup")
            .WithSummary("Delete a group; its members lose the permissions it gave them.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        v1.MapGet("/permissions", (IMediator m, CancellationToken ct) => m.Send(new ListPermissions(), ct))
            .WithTags("Administrator groups")
            .WithName("ListPermissions")
            .WithSummary("The catalog of staff permissions: key, area and action.");
    }

    private static T? ParseEnum<T>(string? text, string field) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(text) ? null
        : Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value
        : throw RequestValidationException.For(field, $"Use one of: {string.Join(", ", Enum.GetNames<T>())}.");
}
