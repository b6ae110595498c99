using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>A row of the clients grid: the guide's columns Owner, Client, Status, Located, Created, Balance.</summary>
public sealed record ClientListItem(Guid Id, string Name, string? CompanyName, string OwnerName, string OwnerEmail, ClientStatus Status,
    string? CountryCode, string? City, DateTime CreatedAt, decimal Balance, string CurrencyCode, string BalanceText);

public sealed record AddressDto(Guid Id, AddressType Type, string Name, string? ContactName, string? Phone, string? Email, string Address1, string? Address2,
    string City, string? Postcode, string CountryCode, string? CountryName, string? Region, string? RegionName);

/// <summary>The client page: its details, billing address, owner and counts for the Summary tab.</summary>
public sealed record ClientDetails(Guid Id, string Name, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone, string Language,
    Guid CurrencyId, string CurrencyCode, ClientStatus Status, decimal Balance, string BalanceText, string? AdminNotes, DateTime CreatedAt,
    Guid OwnerId, string OwnerName, string OwnerEmail, int UserCount, AddressDto? BillingAddress);

/// <summary>Who owns a new client: an existing user, or a new one made with this e-mail and password.</summary>
public sealed record NewClientOwner(Guid? ExistingUserId, string? Email, string? Password);

[RequiresPermission(Permissions.ClientsView)]
public sealed record ListClients(PageRequest Page, ClientStatus? Status = null) : IQuery<PagedResult<ClientListItem>>;

[RequiresPermission(Permissions.ClientsView)]
public sealed record GetClient(Guid Id) : IQuery<ClientDetails>;

/// <summary>The guide's Create Client form: owner, client details and billing address, saved together or not at all.</summary>
[RequiresPermission(Permissions.ClientsCreate)]
public sealed record CreateClient(
    NewClientOwner Owner, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone, string Language, Guid CurrencyId, ClientStatus Status,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region) : ICommand<ClientDetails>, IAddressFields, IClientFields;

[RequiresPermission(Permissions.ClientsEdit)]
public sealed record UpdateClient(Guid Id, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone, string Language, Guid CurrencyId,
    ClientStatus Status, string? AdminNotes) : ICommand<ClientDetails>, IClientFields;

/// <summary>The client's own fields, shared by create and update (and their rules).</summary>
public interface IClientFields
{
    string FirstName { get; }
    string LastName { get; }
    string? CompanyName { get; }
    string? TaxId { get; }
    string? Phone { get; }
    string Language { get; }
}

public sealed class ClientFieldsValidator<T> : AbstractValidator<T> where T : IClientFields
{
    public ClientFieldsValidator()
    {
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter the first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter the last name.").MaximumLength(100);
        RuleFor(x => x.CompanyName).MaximumLength(200);
        RuleFor(x => x.TaxId).MaximumLength(50);
        RuleFor(x => x.Phone).MaximumLength(40).Matches(@"^\+[0-9][0-9 ()-]{4,38}$").When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage("Write the phone number with its country code, for example +48 123 456 789.");
        RuleFor(x => x.Language).Must(l => Languages.IsSupported(l)).WithMessage("Choose a language.");
    }
}

public sealed class CreateClientValidator : AbstractValidator<CreateClient>
{
    public CreateClientValidator(IDbContextFactory<AppDbContext> contexts)
    {
        Include(new ClientFieldsValidator<CreateClient>());
        Include(new AddressFieldsValidator<CreateClient>(contexts));
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.CurrencyId).MustAsync(async (id, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Currencies.AnyAsync(c => c.Id == id, ct);
        }).WithMessage("Choose a currency.");
        When(x => x.Owner.ExistingUserId is null, () =>
        {
            RuleFor(x => x.Owner.Email).NotEmpty().WithMessage("Enter the owner's e-mail address.").MaximumLength(254)
                .EmailAddress().WithMessage("Enter a valid e-mail address.").OverridePropertyName("Email");
            RuleFor(x => x.Owner.Password).Custom((password, context) =>
            {
                foreach (var problem in PasswordPolicy.Check(password, context.InstanceToValidate.Owner.Email))
                    context.AddFailure("Password", problem);
            });
        });
    }
}

public sealed class UpdateClientValidator : AbstractValidator<UpdateClient>
{
    public UpdateClientValidator(IDbContextFactory<AppDbContext> contexts)
    {
        Include(new ClientFieldsValidator<UpdateClient>());
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.AdminNotes).MaximumLength(4000);
        RuleFor(x => x.CurrencyId).MustAsync(async (id, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Currencies.AnyAsync(c => c.Id == id, ct);
        }).WithMessage("Choose a currency.");
    }
}

public sealed class ClientHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) :
    IRequestHandler<ListClients, PagedResult<ClientListItem>>,
    IRequestHandler<GetClient, ClientDetails>,
    IRequestHandler<CreateClient, ClientDetails>,
    IRequestHandler<UpdateClient, ClientDetails>
{
    private static readonly SortMap<Client> Sorts = new SortMap<Client>("-createdAt")
        .Add("name", c => c.CompanyName ?? c.LastName)
        .Add("ownerName", c => c.Memberships.Where(m => m.IsOwner).Select(m => m.ClientUser!.LastName).FirstOrDefault())
        .Add("status", c => c.Status)
        .Add("countryCode", c => c.Addresses.Where(a => a.Type == AddressType.Billing).Select(a => a.CountryCode).FirstOrDefault())
        .Add("createdAt", c => c.CreatedAt)
        .Add("balance", c => c.Balance);

    public async Task<PagedResult<ClientListItem>> Handle(ListClients request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Clients.AsNoTracking();
        if (request.Status is { } status) query = query.Where(c => c.Status == status);
        if (request.Page.SearchText is { } search)
        {
            var p = PagingExtensions.LikePattern(search);
            query = query.Where(c =>
                EF.Functions.Like((c.FirstName + " " + c.LastName).ToLower(), p, "\\") ||
                EF.Functions.Like((c.CompanyName ?? "").ToLower(), p, "\\") ||
                EF.Functions.Like((c.TaxId ?? "").ToLower(), p, "\\") ||
                c.Memberships.Any(m => EF.Functions.Like(m.ClientUser!.Email, p, "\\") ||
                                       EF.Functions.Like((m.ClientUser.FirstName + " " + m.ClientUser.LastName).ToLower(), p, "\\")));
        }
        var page = await query.ToPageAsync(request.Page, Sorts, c => new
        {
            c.Id, c.FirstName, c.LastName, c.CompanyName, c.Status, c.CreatedAt, c.Balance, Currency = c.Currency!,
            Owner = c.Memberships.Where(m => m.IsOwner).Select(m => new { m.ClientUser!.FirstName, m.ClientUser.LastName, m.ClientUser.Email }).FirstOrDefault(),
            Billing = c.Addresses.Where(a => a.Type == AddressType.Billing).Select(a => new { a.CountryCode, a.City }).FirstOrDefault(),
        }, cancellationToken);
        return new PagedResult<ClientListItem>(page.Items.Select(c => new ClientListItem(
            c.Id, string.IsNullOrWhiteSpace(c.CompanyName) ? $"{c.FirstName} {c.LastName}".Trim() : c.CompanyName!, c.CompanyName,
            c.Owner is null ? "" : $"{c.Owner.FirstName} {c.Owner.LastName}".Trim(), c.Owner?.Email ?? "", c.Status,
            c.Billing?.CountryCode, c.Billing?.City, c.CreatedAt, c.Balance, c.Currency.Code, c.Currency.FormatAmount(c.Balance))).ToList(), page.Total, page.Page, page.PageSize);
    }

    public async Task<ClientDetails> Handle(GetClient request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadDetailsAsync(db, request.Id, cancellationToken);
    }

    public async Task<ClientDetails> Handle(CreateClient request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        ClientUser owner;
        if (request.Owner.ExistingUserId is { } existingId)
        {
            owner = await db.ClientUsers.FirstOrDefaultAsync(u => u.Id == existingId, cancellationToken)
                ?? throw RequestValidationException.For("ExistingUserId", "Choose an existing user.");
        }
        else
        {
            var email = Domain.Common.Account.NormalizeEmail(request.Owner.Email!);
            if (await db.ClientUsers.AnyAsync(u => u.Email == email, cancellationToken))
                throw RequestValidationException.For("Email", "A user with this e-mail already exists: choose them as an existing user.");
            owner = new ClientUser
            {
                Email = email, FirstName = request.FirstName.Trim(), LastName = request.LastName.Trim(), Phone = Blank(request.Phone), Language = request.Language,
                PasswordHash = AccountSignIn.HashPassword(request.Owner.Password!), Status = AccountStatus.Active,
            };
            db.ClientUsers.Add(owner);
        }
        var client = ClientRules.Create(db, new Client
        {
            FirstName = request.FirstName.Trim(), LastName = request.LastName.Trim(), CompanyName = Blank(request.CompanyName), TaxId = Blank(request.TaxId),
            Phone = Blank(request.Phone), Language = request.Language, CurrencyId = request.CurrencyId, Status = request.Status,
        }, owner, request, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await LoadDetailsAsync(db, client.Id, cancellationToken);
    }

    public async Task<ClientDetails> Handle(UpdateClient request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken) ?? throw new NotFoundException("There is no such client.");
        if (client.CurrencyId != request.CurrencyId && client.Balance != 0)
            throw RequestValidationException.For(nameof(UpdateClient.CurrencyId), "The currency can change only while the balance is zero.");
        client.FirstName = request.FirstName.Trim();
        client.LastName = request.LastName.Trim();
        client.CompanyName = Blank(request.CompanyName);
        client.TaxId = Blank(request.TaxId);
        client.Phone = Blank(request.Phone);
        client.Language = request.Language;
        client.CurrencyId = request.CurrencyId;
        client.Status = request.Status;
        client.AdminNotes = Blank(request.AdminNotes);
        await db.SaveChangesAsync(cancellationToken);
        return await LoadDetailsAsync(db, client.Id, cancellationToken);
    }

    internal static async Task<ClientDetails> LoadDetailsAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var c = await db.Clients.AsNoTracking().Include(x => x.Currency).Include(x => x.Addresses).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("There is no such client.");
        var owner = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientId == id && m.IsOwner).Select(m => m.ClientUser!).FirstAsync(ct);
        var users = await db.ClientMemberships.CountAsync(m => m.ClientId == id, ct);
        var billing = c.Addresses.FirstOrDefault(a => a.Type == AddressType.Billing);
        var countryName = billing is null ? null : await db.Countries.Where(x => x.Code == billing.CountryCode).Select(x => x.Name).FirstOrDefaultAsync(ct);
        var regionName = billing?.Region is null ? null : await db.Regions.Where(x => x.Code == billing.Region).Select(x => x.Name).FirstOrDefaultAsync(ct);
        return new ClientDetails(c.Id, c.DisplayName, c.FirstName, c.LastName, c.CompanyName, c.TaxId, c.Phone, c.Language, c.CurrencyId, c.Currency!.Code,
            c.Status, c.Balance, c.Currency.FormatAmount(c.Balance), c.AdminNotes, c.CreatedAt, owner.Id, owner.FullName, owner.Email, users,
            billing is null ? null : AddressHandlers.ToDto(billing, countryName, regionName));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
