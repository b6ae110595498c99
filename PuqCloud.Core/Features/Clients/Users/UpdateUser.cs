using FluentValidation;
using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>
/// Edits a user. A new password is set only when given; two-factor can be turned off (for a user who lost
/// the device), not on; null leaves it as it is. A changed e-mail address starts unproven whatever
/// <see cref="EmailVerified"/> says (it usually repeats the old address's state): a link sent to it proves it, or staff
/// tick it in a later save.
/// </summary>
[RequiresPermission(Permissions.UsersEdit)]
public sealed record UpdateUser(Guid Id, string Email, string FirstName, string LastName, string? Phone, string Language, string? AdminNotes, AccountStatus Status,
    bool EmailVerified, bool PhoneVerified, bool? TwoFactorEnabled, string? NewPassword) : ICommand<UserDetails>, IUserFields;

public sealed class UpdateUserValidator : AbstractValidator<UpdateUser>
{
    public UpdateUserValidator()
    {
        Include(new UserFieldsValidator<UpdateUser>());
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.NewPassword).Custom((password, context) =>
        {
            if (string.IsNullOrEmpty(password)) return;
            foreach (var problem in PasswordPolicy.Check(password, context.InstanceToValidate.Email)) context.AddFailure(nameof(UpdateUser.NewPassword), problem);
        });
    }
}

public sealed class UpdateUserHandler(IDbContextFactory<AppDbContext> contexts, PasswordHashing passwords, TypeAdapterConfig mapping, TimeProvider clock) : IRequestHandler<UpdateUser, UserDetails>
{
    public async Task<UserDetails> Handle(UpdateUser request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var user = await UserRules.FindAsync(db, request.Id, cancellationToken);
        var email = Domain.Common.Account.NormalizeEmail(request.Email);
        if (email != user.Email && await db.ClientUsers.AnyAsync(u => u.Email == email && u.Id != user.Id, cancellationToken))
            throw RequestValidationException.For(nameof(UpdateUser.Email), "A user with this e-mail already exists.");
        if (request.TwoFactorEnabled == true && !user.TwoFactorEnabled)
            throw RequestValidationException.For(nameof(UpdateUser.TwoFactorEnabled), "Two-factor sign-in is turned on by the user in the client area, where they scan the code.");
        var previousEmail = user.Email;
        var twoFactorOff = user.TwoFactorEnabled && request.TwoFactorEnabled == false;
        var disabling = user.Status == AccountStatus.Active && request.Status != AccountStatus.Active;
        var credentialsChanged = email != user.Email || !string.IsNullOrEmpty(request.NewPassword) || twoFactorOff || request.Status != user.Status;
        user.EmailVerifiedAt = email != previousEmail ? null : request.EmailVerified ? user.EmailVerifiedAt ?? now : null;
        user.Email = email;
        UserRules.ApplyFields(user, request);
        user.Status = request.Status;
        user.PhoneVerifiedAt = request.PhoneVerified ? user.PhoneVerifiedAt ?? now : null;
        // Only a two-factor that is on is turned off: a set-up the user has begun (its pending key) is theirs to finish.
        if (request.TwoFactorEnabled == false && user.TwoFactorEnabled)
        {
            user.TwoFactorEnabled = false;
            user.TotpSecret = null;
            user.PendingTotpSecret = null;
        }
        if (!string.IsNullOrEmpty(request.NewPassword)) user.PasswordHash = passwords.Hash(request.NewPassword);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // New credentials end the user's other sessions; a new address or password also ends the password links sent before
        // (to a mailbox that may no longer be theirs) and the API tokens made before. So do disabling the user and turning
        // their two-factor off, the ways staff take back an account someone else got into: a token only paused while the
        // user is disabled would work again the day they are enabled.
        if (credentialsChanged) user.SecurityStamp = Domain.Common.Account.NewStamp();
        if (email != previousEmail || !string.IsNullOrEmpty(request.NewPassword) || disabling || twoFactorOff)
            await CredentialChanges.EndClientUserWaysInAsync(db, user.Id, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user.Adapt<UserDetails>(mapping);
    }
}
