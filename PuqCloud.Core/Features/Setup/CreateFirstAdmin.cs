using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Domain.Platform;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Setup;

/// <summary>
/// Creates the first super admin, from the setup page or from `Bootstrap:*` configuration at start.
/// Works only while no staff account exists and with the setup code the console wrote to its log (<see cref="Setup.SetupCode"/>);
/// a unique marker row makes two racing attempts end in one account.
/// </summary>
[Anonymous]
public sealed record CreateFirstAdmin(string Email, string FirstName, string LastName, string Password, string ConfirmPassword, string SetupCode) : ICommand<Guid>;

public sealed class CreateFirstAdminValidator : AbstractValidator<CreateFirstAdmin>
{
    public CreateFirstAdminValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter an e-mail address.")
            .MaximumLength(254).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(x => x.FirstName).NotEmpty().WithMessage("Enter a first name.").MaximumLength(100);
        RuleFor(x => x.LastName).NotEmpty().WithMessage("Enter a last name.").MaximumLength(100);
        RuleFor(x => x.Password).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password, context.InstanceToValidate.Email))
                context.AddFailure(nameof(CreateFirstAdmin.Password), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The passwords do not match.");
        RuleFor(x => x.SetupCode).NotEmpty().WithMessage("Enter the setup code from the console's log.").MaximumLength(100);
    }
}

public sealed class CreateFirstAdminHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, TimeProvider clock, ILogger<CreateFirstAdminHandler> logger)
    : IRequestHandler<CreateFirstAdmin, Guid>
{
    public const string SetupMarker = "setup-completed";

    public async Task<Guid> Handle(CreateFirstAdmin request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.StaffAccounts.AnyAsync(cancellationToken) || await db.InstallationMarkers.AnyAsync(m => m.Key == SetupMarker, cancellationToken))
            throw new RuleViolationException("Setup is already complete: sign in with an existing staff account.");
        var code = await db.Settings.SingleOrDefaultAsync(s => s.Key == Setup.SetupCode.SettingKey, cancellationToken);
        if (!Setup.SetupCode.Matches(code?.Value, request.SetupCode))
        {
            logger.LogWarning("The setup page was sent a wrong setup code");
            throw RequestValidationException.For(nameof(CreateFirstAdmin.SetupCode),
                "This is not the setup code the console wrote to its log.");
        }

        var admin = new StaffAccount
        {
            Email = Domain.Common.Account.NormalizeEmail(request.Email),
            FirstName = request.FirstName.Trim(),
            LastName = request.LastName.Trim(),
            PasswordHash = passwords.Hash(request.Password),
            IsSuperAdmin = true,
        };
        db.StaffAccounts.Add(admin);
        db.InstallationMarkers.Add(new InstallationMarker { Key = SetupMarker, At = clock.GetUtcNow().UtcDateTime });
        db.Settings.Remove(code!);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new RuleViolationException("Setup is already complete: sign in with an existing staff account.");
        }
        return admin.Id;
    }
}
