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

public sealed class MyAccountHandlers(IDbContextFactory<AppDbContext> contexts, ActorContext actors, IAccountAccess access, TwoFactorSteps twoFactor) :
    IRequestHandler<GetMyAccount, MyAccount>,
    IRequestHandler<BeginTwoFactorSetup, TwoFactorSetup>,
    IRequestHandler<ConfirmTwoFactorSetup, Unit>,
    IRequestHandler<DisableTwoFactor, Unit>
{
    public const string Issuer = TwoFactorSteps.Issuer;

    public async Task<MyAccount> Handle(GetMyAccount request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        var rights = await access.GetStaffAccessAsync(staffId, cancellationToken) ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await db.StaffAccounts.AsNoTracking().FirstAsync(s => s.Id == staffId, cancellationToken);
        return new MyAccount(me.Id, me.Email, me.FirstName, me.LastName, me.FullName, me.IsSuperAdmin, me.TwoFactorEnabled,
            rights.Permissions.Order(StringComparer.Ordinal).ToArray());
    }

    public async Task<TwoFactorSetup> Handle(BeginTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = twoFactor.Begin(await LoadMeAsync(db, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return setup;
    }

    public async Task<Unit> Handle(ConfirmTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        twoFactor.Confirm(await LoadMeAsync(db, cancellationToken), request.Code);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(DisableTwoFactor request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (twoFactor.Disable(await LoadMeAsync(db, cancellationToken), request.Code)) await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task<StaffAccount> LoadMeAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        return await db.StaffAccounts.FirstOrDefaultAsync(s => s.Id == staffId, cancellationToken) ?? throw new NotAuthenticatedException();
    }
}
