using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Who owns a new client: an existing user, or a new one made with this e-mail and password.</summary>
public sealed record NewClientOwner(Guid? ExistingUserId, string? Email, string? Password);

/// <summary>The guide's Create Client form: owner, client details and billing address, saved together or not at all.</summary>
[RequiresPermission(Permissions.ClientsCreate)]
public sealed record CreateClient(
    NewClientOwner Owner, string FirstName, string LastName, string? CompanyName, string? TaxId, string? Phone, string Language, Guid CurrencyId, ClientStatus Status,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region) : ICommand<ClientDetails>, IAddressFields, IClientFields;

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

public sealed class CreateClientHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, TimeProvider clock, TaskSignal signal) : IRequestHandler<CreateClient, ClientDetails>
{
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
                Email = email, FirstName = request.FirstName.Trim(), LastName = request.LastName.Trim(), Phone = ClientRules.Blank(request.Phone), Language = request.Language,
                PasswordHash = passwords.Hash(request.Owner.Password!), Status = AccountStatus.Active,
            };
            db.ClientUsers.Add(owner);
        }
        var client = ClientRules.Create(db, new Client
        {
            FirstName = request.FirstName.Trim(), LastName = request.LastName.Trim(), CompanyName = ClientRules.Blank(request.CompanyName), TaxId = ClientRules.Blank(request.TaxId),
            Phone = ClientRules.Blank(request.Phone), Language = request.Language, CurrencyId = request.CurrencyId, Status = request.Status,
        }, owner, request, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return await ClientRules.LoadDetailsAsync(db, client.Id, cancellationToken);
    }
}
