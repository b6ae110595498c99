using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Account;

/// <summary>The signed-in staff member as the console header and GET /api/admin/v1/me show them.</summary>
public sealed record MyAccount(Guid Id, string Email, string FirstName, string LastName, string Name, bool IsSuperAdmin, bool TwoFactorEnabled, IReadOnlyList<string> Permissions);

[AnyStaff]
public sealed record GetMyAccount : IQuery<MyAccount>;

/// <summary>What an authenticator app needs: the key to type in and the otpauth URI for the QR code.</summary>
public sealed record TwoFactorSetup(string SharedKey, string ProvisioningUri);

/// <summary>Starts turning two-factor on: makes a new secret, kept pending until a code confirms it.</summary>
[AnyStaff]
public sealed record BeginTwoFactorSetup : ICommand<TwoFactorSetup>;

/// <summary>Finishes turning two-factor on with a code from the app.</summary>
[AnyStaff]
public sealed record ConfirmTwoFactorSetup(string Code) : ICommand<Unit>;

/// <summary>Turns two-factor off; a current code proves the person still holds the device.</summary>
[AnyStaff]
public sealed record DisableTwoFactor(string Code) : ICommand<Unit>;

public sealed class ConfirmTwoFactorSetupValidator : AbstractValidator<ConfirmTwoFactorSetup>
{
    public ConfirmTwoFactorSetupValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(12);
}

public sealed class DisableTwoFactorValidator : AbstractValidator<DisableTwoFactor>
{
    public DisableTwoFactorValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(12);
}

public sealed class MyAccountHandlers(IDbContextFactory<AppDbContext> contexts, ActorContext actors, IAccountAccess access, AccountSignIn signIn, ISecretProtector secrets, TimeProvider clock) :
    IRequestHandler<GetMyAccount, MyAccount>,
    IRequestHandler<BeginTwoFactorSetup, TwoFactorSetup>,
    IRequestHandler<ConfirmTwoFactorSetup, Unit>,
    IRequestHandler<DisableTwoFactor, Unit>
{
    public const string Issuer = "PuqCloud";

    public async Task<MyAccount> Handle(GetMyAccount request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        var rights = await access.GetStaffAccessAsync(staffId, cancellationToken) ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await db.StaffAccounts.AsNoTracking().FirstAsync(s => s.Id == staffId, cancellationToken);
        return new MyAccount(me.Id, me.Email, me.FirstName, me.LastName, me.FullName, me.IsSuperAdmin, me.TwoFactorEnabled,
            rights.IsSuperAdmin ? Permissions.All : rights.Permissions.Order(StringComparer.Ordinal).ToArray());
    }

    public async Task<TwoFactorSetup> Handle(BeginTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await LoadMeAsync(db, cancellationToken);
        if (me.TwoFactorEnabled) throw new RuleViolationException("Two-factor sign-in is already on. Turn it off first to move it to another device.");
        var secret = Totp.NewSecret();
        var key = Base32.Encode(secret);
        me.PendingTotpSecret = secrets.Protect(key);
        await db.SaveChangesAsync(cancellationToken);
        return new TwoFactorSetup(key, Totp.ProvisioningUri(Issuer, me.Email, secret));
    }

    public async Task<Unit> Handle(ConfirmTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await LoadMeAsync(db, cancellationToken);
        if (me.PendingTotpSecret is null) throw new RuleViolationException("Start the set-up again: there is no key waiting for a code.");
        if (!signIn.AcceptTotp(me, request.Code, clock.GetUtcNow().UtcDateTime, pending: true))
            throw RequestValidationException.For(nameof(ConfirmTwoFactorSetup.Code), "The code is not right. Check the time on your device and enter the newest code.");
        me.TotpSecret = me.PendingTotpSecret;
        me.PendingTotpSecret = null;
        me.TwoFactorEnabled = true;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(DisableTwoFactor request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await LoadMeAsync(db, cancellationToken);
        if (!me.TwoFactorEnabled) return Unit.Value;
        if (!signIn.AcceptTotp(me, request.Code, clock.GetUtcNow().UtcDateTime))
            throw RequestValidationException.For(nameof(DisableTwoFactor.Code), "The code is not right or was already used.");
        me.TwoFactorEnabled = false;
        me.TotpSecret = null;
        me.LastTotpStep = null;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task<StaffAccount> LoadMeAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        return await db.StaffAccounts.FirstOrDefaultAsync(s => s.Id == staffId, cancellationToken) ?? throw new NotAuthenticatedException();
    }
}
