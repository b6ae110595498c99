using MediatR;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Features.Clients;

namespace PuqCloud.Web.Api;

public static class ClientsApi
{
    public sealed record OwnerBody(Guid? ExistingUserId, string? Email, string? Password);
    public sealed record AddressBody(AddressType? Type, string? Name, string? ContactName, string? Phone, string? Email, string? Address1, string? Address2,
        string? City, string? Postcode, string? CountryCode, string? Region);
    public sealed record CreateClientBody(OwnerBody? Owner, string? FirstName, string? LastName, string? CompanyName, string? TaxId, string? Phone, string? Language,
        Guid? CurrencyId, ClientStatus? Status, AddressBody? BillingAddress);
    public sealed record UpdateClientBody(string? FirstName, string? LastName, string? CompanyName, string? TaxId, string? Phone, string? Language,
        Guid? CurrencyId, ClientStatus? Status, string? AdminNotes);
    public sealed record MemberBody(string? Email, IReadOnlyList<string>? Permissions, string? FirstName, string? LastName, string? Password);
    public sealed record PermissionsBody(IReadOnlyList<string>? Permissions);
    public sealed record UserBody(string? Email, string? Password, string? FirstName, string? LastName, string? Phone, string? Language, string? AdminNotes,
        AccountStatus? Status, bool? EmailVerified, bool? PhoneVerified, bool? TwoFactorEnabled, string? NewPassword);

    public static void MapClients(this RouteGroupBuilder v1)
    {
        var clients = v1.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("", (IMediator m, [AsParameters] ListQuery q, ClientStatus? status, CancellationToken ct) => m.Send(new ListClients(q.ToPageRequest(), status), ct))
            .WithName("ListClients")
            .WithSummary("Clients, paged; sort by name, ownerName, status, countryCode, createdAt or balance.")
            .ProducesValidationProblem();
        clients.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetClient(id), ct))
            .WithName("GetClient")
            .WithSummary("A client with its owner, number of users, balance and billing address.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("", async (IMediator m, CreateClientBody b, CancellationToken ct) =>
        {
            var a = b.BillingAddress ?? new AddressBody(null, null, null, null, null, null, null, null, null, null, null);
            var created = await m.Send(new CreateClient(new NewClientOwner(b.Owner?.ExistingUserId, b.Owner?.Email, b.Owner?.Password),
                b.FirstName ?? "", b.LastName ?? "", b.CompanyName, b.TaxId, b.Phone, b.Language ?? "en", b.CurrencyId ?? Guid.Empty, b.Status ?? ClientStatus.New,
                a.Address1 ?? "", a.Address2, a.City ?? "", a.Postcode, a.CountryCode ?? "", a.Region), ct);
            return TypedResults.Created($"/api/admin/v1/clients/{created.Id}", created);
        }).WithName("CreateClient")
            .WithSummary("Create a client with its owner (an existing user, or a new one by e-mail and password) and its billing address.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapPut("/{id:guid}", async (IMediator m, Guid id, UpdateClientBody b, CancellationToken ct) =>
        {
            // Only what the body sends changes: the rest is taken from the client as it is.
            var c = await m.Send(new GetClient(id), ct);
            return await m.Send(new UpdateClient(id, b.FirstName ?? c.FirstName, b.LastName ?? c.LastName, b.CompanyName ?? c.CompanyName, b.TaxId ?? c.TaxId,
                b.Phone ?? c.Phone, b.Language ?? c.Language, b.CurrencyId ?? c.CurrencyId, b.Status ?? c.Status, b.AdminNotes ?? c.AdminNotes), ct);
        }).WithName("UpdateClient")
            .WithSummary("Change a client's details; fields left out keep their value (\"\" empties an optional text).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{id:guid}/vat-check", async (IMediator m, Guid id, CancellationToken ct) =>
                TypedResults.Accepted($"/api/admin/v1/clients/{id}", await m.Send(new CheckClientVatId(id), ct)))
            .WithName("CheckClientVatId")
            .WithSummary("Ask VIES again about the client's EU VAT ID (its tax ID read against its billing country): queues the check; the client's vatCheck shows the answer. " +
                "A check already waiting is not queued twice. 409 when the tax ID cannot be an EU VAT ID.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/{id:guid}/addresses", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListClientAddresses(id), ct))
            .WithName("ListClientAddresses")
            .WithSummary("The client's addresses: billing, then shipping and service ones, by name.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{id:guid}/addresses", async (IMediator m, Guid id, AddressBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateClientAddress(id, b.Type ?? AddressType.Shipping, b.Name ?? "", b.ContactName, b.Phone, b.Email,
                b.Address1 ?? "", b.Address2, b.City ?? "", b.Postcode, b.CountryCode ?? "", b.Region), ct);
            return TypedResults.Created($"/api/admin/v1/clients/{id}/addresses/{created.Id}", created);
        }).WithName("CreateClientAddress")
            .WithSummary("Add a shipping or service address (type Shipping unless given); the one billing address is edited, not added.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPut("/{id:guid}/addresses/{addressId:guid}", async (IMediator m, Guid id, Guid addressId, AddressBody b, CancellationToken ct) =>
        {
            var a = await m.Send(new GetClientAddress(id, addressId), ct);
            return await m.Send(new UpdateClientAddress(id, addressId, b.Type ?? a.Type, b.Name ?? a.Name, b.ContactName ?? a.ContactName, b.Phone ?? a.Phone,
                b.Email ?? a.Email, b.Address1 ?? a.Address1, b.Address2 ?? a.Address2, b.City ?? a.City, b.Postcode ?? a.Postcode, b.CountryCode ?? a.CountryCode,
                b.Region ?? a.Region), ct);
        }).WithName("UpdateClientAddress")
            .WithSummary("Change an address; fields left out keep their value (\"\" empties an optional text).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapDelete("/{id:guid}/addresses/{addressId:guid}", async (IMediator m, Guid id, Guid addressId, CancellationToken ct) =>
        {
            await m.Send(new DeleteClientAddress(id, addressId), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteClientAddress")
            .WithSummary("Delete a shipping or service address; the billing address can be changed but not deleted (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        clients.MapGet("/{id:guid}/users", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListClientMembers(id), ct))
            .WithName("ListClientMembers")
            .WithSummary("The users of a client with their permissions there, the owner first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{id:guid}/users", async (IMediator m, Guid id, MemberBody b, CancellationToken ct) =>
        {
            var member = await m.Send(new AddClientMember(id, b.Email ?? "", b.Permissions ?? [], b.FirstName, b.LastName, b.Password), ct);
            return TypedResults.Created($"/api/admin/v1/clients/{id}/users/{member.UserId}", member);
        }).WithName("AddClientMember")
            .WithSummary("Associate an existing user by e-mail, or create one (names and password) and associate them.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapPut("/{id:guid}/users/{userId:guid}", async (IMediator m, Guid id, Guid userId, PermissionsBody b, CancellationToken ct) =>
        {
            var member = await m.Send(new GetClientMember(id, userId), ct);
            return await m.Send(new UpdateClientMember(id, userId, b.Permissions ?? member.Permissions), ct);
        }).WithName("UpdateClientMember")
            .WithSummary("Set the member's whole set of permissions at this client; left out, the permissions stay as they are ([] takes them all away).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapDelete("/{id:guid}/users/{userId:guid}", async (IMediator m, Guid id, Guid userId, CancellationToken ct) =>
        {
            await m.Send(new RemoveClientMember(id, userId), ct);
            return TypedResults.NoContent();
        }).WithName("RemoveClientMember")
            .WithSummary("Take a user's access to the client away; the user stays. The owner cannot be removed (409).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        clients.MapGet("/{id:guid}/invitations", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListClientInvitations(id), ct))
            .WithName("ListClientInvitations")
            .WithSummary("The client's invitations of existing logins that nobody answered yet, newest first: the address its user manager typed and the permissions offered.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapDelete("/{id:guid}/invitations/{userId:guid}", async (IMediator m, Guid id, Guid userId, CancellationToken ct) =>
        {
            await m.Send(new WithdrawClientInvitation(id, userId), ct);
            return TypedResults.NoContent();
        }).WithName("WithdrawClientInvitation")
            .WithSummary("Withdraw an invitation not answered yet; 404 when it was answered or withdrawn meanwhile.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{id:guid}/users/{userId:guid}/owner", async (IMediator m, Guid id, Guid userId, CancellationToken ct) =>
        {
            await m.Send(new MakeClientOwner(id, userId), ct);
            return TypedResults.NoContent();
        }).WithName("MakeClientOwner")
            .WithSummary("Make this member the client's owner.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var users = v1.MapGroup("/users").WithTags("Users");
        users.MapGet("", (IMediator m, [AsParameters] ListQuery q, CancellationToken ct) => m.Send(new ListUsers(q.ToPageRequest()), ct))
            .WithName("ListUsers")
            .WithSummary("Client users, paged; sort by name, email, status, clientCount or createdAt.")
            .ProducesValidationProblem();
        users.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetUser(id), ct))
            .WithName("GetUser")
            .WithSummary("A client user with their contacts, status and verification flags.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/{id:guid}/clients", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListUserClients(id), ct))
            .WithName("ListUserClients")
            .WithSummary("The clients a user belongs to, by name, and whether they own each.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("", async (IMediator m, UserBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateUser(b.Email ?? "", b.Password ?? "", b.FirstName ?? "", b.LastName ?? "", b.Phone, b.Language ?? "en", b.AdminNotes), ct);
            return TypedResults.Created($"/api/admin/v1/users/{created.Id}", created);
        }).WithName("CreateUser")
            .WithSummary("Create a client user with a password; associate them with a client afterwards.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPut("/{id:guid}", async (IMediator m, Guid id, UserBody b, CancellationToken ct) =>
        {
            // Only what the body sends changes; two-factor can only be turned off, and newPassword is set only when given.
            var u = await m.Send(new GetUser(id), ct);
            return await m.Send(new UpdateUser(id, b.Email ?? u.Email, b.FirstName ?? u.FirstName, b.LastName ?? u.LastName, b.Phone ?? u.Phone, b.Language ?? u.Language,
                b.AdminNotes ?? u.AdminNotes, b.Status ?? u.Status, b.EmailVerified ?? u.EmailVerified, b.PhoneVerified ?? u.PhoneVerified, b.TwoFactorEnabled, b.NewPassword), ct);
        }).WithName("UpdateUser")
            .WithSummary("Change a user; fields left out keep their value (\"\" empties an optional text). twoFactorEnabled can only be turned off; newPassword is set only when given. A new e-mail or password, status Disabled and two-factor turned off end the user's sessions and revoke their API tokens.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteUser(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteUser")
            .WithSummary("Delete a user who owns no client (409 otherwise: make another user the owner first).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}
