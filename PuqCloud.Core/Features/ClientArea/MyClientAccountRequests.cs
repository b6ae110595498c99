using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>The signed-in client user as the client area's header and My Account show them.</summary>
public sealed record MyClientAccount(Guid Id, string Email, string Name, bool TwoFactorEnabled, string Language = "en");

/// <summary>A client the signed-in user belongs to, with what they may do there.</summary>
public sealed record MyClient(Guid ClientId, string Name, bool IsOwner, IReadOnlyList<string> Permissions)
{
    public bool Has(string permission) => IsOwner || Permissions.Contains(permission);
}

[AnyClientUser]
public sealed record GetMyClientAccount : IQuery<MyClientAccount>;

/// <summary>The clients the signed-in user belongs to: owned ones first, then by name.</summary>
[AnyClientUser]
public sealed record ListMyClients : IQuery<IReadOnlyList<MyClient>>;

/// <summary>Changes the user's own password; answers the new session (the security stamp changes, other sessions end).</summary>
[AnyClientUser]
public sealed record ChangeMyClientPassword(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<SignInResult>;

/// <summary>The language the client area and its e-mails use for this user.</summary>
[AnyClientUser]
public sealed record SetMyClientLanguage(string Language) : ICommand<Unit>;

[AnyClientUser]
public sealed record BeginClientTwoFactorSetup : ICommand<TwoFactorSetup>;

[AnyClientUser]
public sealed record ConfirmClientTwoFactorSetup(string Code) : ICommand<Unit>;

[AnyClientUser]
public sealed record DisableClientTwoFactor(string Code) : ICommand<Unit>;

public sealed class ChangeMyClientPasswordValidator : AbstractValidator<ChangeMyClientPassword>
{
    public ChangeMyClientPasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(x => x.NewPassword).Custom((password, context) =>
        {
            foreach (var problem in PasswordPolicy.Check(password))
                context.AddFailure(nameof(ChangeMyClientPassword.NewPassword), problem);
        });
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("The passwords do not match.");
    }
}

public sealed class SetMyClientLanguageValidator : AbstractValidator<SetMyClientLanguage>
{
    public SetMyClientLanguageValidator() =>
        RuleFor(x => x.Language).NotEmpty().WithMessage("Choose a language.").MaximumLength(10).Matches("^[a-z]{2,3}(-[A-Za-z]{2,4})?$");
}

public sealed class ClientCodeFieldValidator : AbstractValidator<ConfirmClientTwoFactorSetup>
{
    public ClientCodeFieldValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(12);
}

public sealed class DisableClientTwoFactorValidator : AbstractValidator<DisableClientTwoFactor>
{
    public DisableClientTwoFactorValidator() => RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code from your authenticator app.").MaximumLength(12);
}

public sealed class MyClientAccountHandlers(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TwoFactorSteps twoFactor, TimeProvider clock) :
    IRequestHandler<GetMyClientAccount, MyClientAccount>,
    IRequestHandler<ListMyClients, IReadOnlyList<MyClient>>,
    IRequestHandler<ChangeMyClientPassword, SignInResult>,
    IRequestHandler<SetMyClientLanguage, Unit>,
    IRequestHandler<BeginClientTwoFactorSetup, TwoFactorSetup>,
    IRequestHandler<ConfirmClientTwoFactorSetup, Unit>,
    IRequestHandler<DisableClientTwoFactor, Unit>
{
    public async Task<MyClientAccount> Handle(GetMyClientAccount request, CancellationToken cancellationToken)
    {
        var id = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await db.ClientUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotAuthenticatedException();
        return new MyClientAccount(me.Id, me.Email, me.FullName, me.TwoFactorEnabled, me.Language);
    }

    public async Task<IReadOnlyList<MyClient>> Handle(ListMyClients request, CancellationToken cancellationToken)
    {
        var id = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ClientMemberships.AsNoTracking().Where(m => m.ClientUserId == id)
            .Select(m => new { m.ClientId, m.Client!.CompanyName, m.Client.FirstName, m.Client.LastName, m.IsOwner, m.Permissions })
            .ToListAsync(cancellationToken);
        return rows
            .Select(r => new MyClient(r.ClientId, string.IsNullOrWhiteSpace(r.CompanyName) ? $"{r.FirstName} {r.LastName}".Trim() : r.CompanyName!, r.IsOwner,
                r.IsOwner ? ClientPermissions.All : r.Permissions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .OrderByDescending(c => c.IsOwner).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.ClientId)
            .ToList();
    }

    public async Task<SignInResult> Handle(ChangeMyClientPassword request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await LoadMeAsync(db, cancellationToken);
        if (!AccountSignIn.VerifyPassword(me.PasswordHash, request.CurrentPassword))
        {
            // Counts like a failed sign-in, so that an open session cannot be used to guess the password.
            me.RecordFailedSignIn(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            throw RequestValidationException.For(nameof(ChangeMyClientPassword.CurrentPassword), "This is not your current password.");
        }
        foreach (var problem in PasswordPolicy.Check(request.NewPassword, me.Email))
            throw RequestValidationException.For(nameof(ChangeMyClientPassword.NewPassword), problem);
        me.PasswordHash = AccountSignIn.HashPassword(request.NewPassword);
        me.SecurityStamp = Domain.Common.Account.NewStamp();
        me.FailedSignInCount = 0;
        await db.SaveChangesAsync(cancellationToken);
        return new SignInResult(SignInOutcome.Succeeded, me.Id, me.Email, me.FullName, me.SecurityStamp);
    }

    public async Task<Unit> Handle(SetMyClientLanguage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await LoadMeAsync(db, cancellationToken);
        me.Language = request.Language.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<TwoFactorSetup> Handle(BeginClientTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var setup = twoFactor.Begin(await LoadMeAsync(db, cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return setup;
    }

    public async Task<Unit> Handle(ConfirmClientTwoFactorSetup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        twoFactor.Confirm(await LoadMeAsync(db, cancellationToken), request.Code);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async Task<Unit> Handle(DisableClientTwoFactor request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (twoFactor.Disable(await LoadMeAsync(db, cancellationToken), request.Code)) await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task<ClientUser> LoadMeAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var id = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        return await db.ClientUsers.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotAuthenticatedException();
    }
}
