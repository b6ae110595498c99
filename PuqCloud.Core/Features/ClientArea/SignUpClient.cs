using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// A person signs up in the client area: a client user and a new client (status New) with that user as
/// its owner and the billing address, all in one transaction. Answers like a successful sign-in.
/// </summary>
[Anonymous]
public sealed record SignUpClient(
    string Email, string Password, string ConfirmPassword, string FirstName, string LastName,
    string? CompanyName, string? TaxId, string? Phone,
    string Address1, string? Address2, string City, string? Postcode, string CountryCode, string? Region,
    Guid CurrencyId, string Language) : ICommand<SignInResult>, IAddressFields;

public sealed class SignUpClientValidator : AbstractValidator<SignUpClient>
{
    public SignUpClientValidator(IDbContextFactory<AppDbContext> contexts)
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.")
            .MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password, context.InstanceToValidate.Email))
                context.AddFailure(nameof(SignUpClient.Password), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The passwords do not match.");
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter your first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter your last name.").MaximumLength(100);
        RuleFor(x => x.CompanyName).MaximumLength(200);
        RuleFor(x => x.TaxId).MaximumLength(50);
        RuleFor(x => x.Phone).NotEmpty().WithMessage("Enter your phone number.");
        RuleFor(x => x.Phone).PhoneNumber();
        RuleFor(x => x.Language).NotEmpty().MaximumLength(10).Matches("^[a-z]{2,3}(-[A-Za-z]{2,4})?$");
        RuleFor(x => x.CurrencyId).NotEmpty().WithMessage("Choose a currency.")
            .MustAsync(async (id, ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                return await db.Currencies.AnyAsync(c => c.Id == id, ct);
            }).WithMessage("Choose a currency from the list.");
        Include(new AddressFieldsValidator<SignUpClient>(contexts));
    }
}

public sealed class SignUpClientHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, TimeProvider clock, ActorContext actors, TaskSignal signal) : IRequestHandler<SignUpClient, SignInResult>
{
    public const string EmailTaken = "An account with this e-mail address exists already. Sign in, or reset its password.";

    public async Task<SignInResult> Handle(SignUpClient request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.ClientUsers.AnyAsync(u => u.Email == email, cancellationToken))
            throw RequestValidationException.For(nameof(SignUpClient.Email), EmailTaken);

        var language = request.Language.Trim();
        var user = new ClientUser
        {
            Email = email,
            FirstName = request.FirstName.Trim(),
            LastName = request.LastName.Trim(),
            Phone = ClientRules.Blank(request.Phone),
            Language = language,
            PasswordHash = passwords.Hash(request.Password),
        };
        db.ClientUsers.Add(user);
        var client = new Client
        {
            FirstName = user.FirstName,
            LastName = user.LastName,
            CompanyName = ClientRules.Blank(request.CompanyName),
            TaxId = ClientRules.Blank(request.TaxId),
            Phone = user.Phone,
            Language = language,
            CurrencyId = request.CurrencyId,
            Status = ClientStatus.New,
        };
        ClientRules.Create(db, client, user, request, now);
        user.RecordSuccessfulSignIn(now);
        db.SignInAttempts.Add(new SignInAttempt { At = now, AccountKind = ActorKind.ClientUser, Email = email, Ip = actors.Current.Ip, Succeeded = true });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two sign-ups with one address at the same moment: the unique index keeps the second out.
            throw RequestValidationException.For(nameof(SignUpClient.Email), EmailTaken);
        }
        signal.Notify();
        return new SignInResult(SignInOutcome.Succeeded, user.Id, user.Email, user.FullName, user.SecurityStamp);
    }
}
