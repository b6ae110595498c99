using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ApiTokens;

public sealed class ApiTokenOptions
{
    /// <summary>Lifetime of a token issued to e-mail and password at POST /api/admin/v1/auth/token.</summary>
    public TimeSpan SignInTokenLifetime { get; set; } = TimeSpan.FromHours(12);
    public int MaxLifetimeDays { get; set; } = 365;
}

/// <summary>A token as shown in lists: never the token itself.</summary>
public sealed record ApiTokenSummary(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, bool IsActive);

/// <summary>The token, shown once when it is made.</summary>
public sealed record IssuedApiToken(Guid Id, string Token, DateTime ExpiresAt);

/// <summary>Exchanges staff credentials (and the TOTP code when two-factor is on) for a short-lived API token.</summary>
[Anonymous]
public sealed record RequestApiToken(string Email, string Password, string? TotpCode) : ICommand<IssuedApiToken>;

[AnyStaff]
public sealed record ListMyApiTokens : IQuery<IReadOnlyList<ApiTokenSummary>>;

/// <summary>A personal token made in the console, valid for <see cref="LifetimeDays"/> days.</summary>
[AnyStaff]
public sealed record CreateApiToken(string Name, int LifetimeDays) : ICommand<IssuedApiToken>;

[AnyStaff]
public sealed record RevokeApiToken(Guid Id) : ICommand<Unit>;

public sealed class RequestApiTokenValidator : AbstractValidator<RequestApiToken>
{
    public RequestApiTokenValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(254);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(x => x.TotpCode).MaximumLength(12);
    }
}

public sealed class CreateApiTokenValidator : AbstractValidator<CreateApiToken>
{
    public CreateApiTokenValidator(IOptions<ApiTokenOptions> options)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Give the token a name, for example what will use it.").MaximumLength(100);
        RuleFor(x => x.LifetimeDays).InclusiveBetween(1, options.Value.MaxLifetimeDays)
            .WithMessage($"Choose between 1 and {options.Value.MaxLifetimeDays} days.");
    }
}

public sealed class ApiTokenHandlers(IDbContextFactory<AppDbContext> contexts, AccountSignIn signIn, ActorContext actors, TimeProvider clock, IOptions<ApiTokenOptions> options) :
    IRequestHandler<RequestApiToken, IssuedApiToken>,
    IRequestHandler<ListMyApiTokens, IReadOnlyList<ApiTokenSummary>>,
    IRequestHandler<CreateApiToken, IssuedApiToken>,
    IRequestHandler<RevokeApiToken, Unit>
{
    public async Task<IssuedApiToken> Handle(RequestApiToken request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var result = await signIn.PasswordAsync<StaffAccount>(db, ActorKind.Staff, request.Email, request.Password, request.TotpCode, actors.Current.Ip, cancellationToken);
        if (result.Outcome == SignInOutcome.TwoFactorRequired)
            throw new NotAuthenticatedException("This account has two-factor sign-in: send totpCode with the current code.");
        if (!result.Succeeded)
            throw new NotAuthenticatedException(result.Message ?? "Sign-in failed.");
        return await IssueAsync(db, result.AccountId!.Value, "API sign-in", options.Value.SignInTokenLifetime, cancellationToken);
    }

    public async Task<IReadOnlyList<ApiTokenSummary>> Handle(ListMyApiTokens request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking()
            .Where(t => t.StaffAccountId == staffId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt, false))
            .ToListAsync(cancellationToken);
        return tokens.Select(t => t with { IsActive = t.RevokedAt == null && t.ExpiresAt > now }).ToList();
    }

    public async Task<IssuedApiToken> Handle(CreateApiToken request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await IssueAsync(db, actors.Current.StaffId!.Value, request.Name.Trim(), TimeSpan.FromDays(request.LifetimeDays), cancellationToken);
    }

    public async Task<Unit> Handle(RevokeApiToken request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == request.Id && t.StaffAccountId == staffId, cancellationToken)
            ?? throw new NotFoundException("There is no such token among yours.");
        token.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task<IssuedApiToken> IssueAsync(AppDbContext db, Guid staffId, string name, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = ApiTokenFormat.NewToken();
        var entity = new ApiToken
        {
            StaffAccountId = staffId,
            Name = name,
            Prefix = ApiTokenFormat.PrefixOf(token),
            TokenHash = ApiTokenFormat.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiToken(entity.Id, token, entity.ExpiresAt);
    }
}
