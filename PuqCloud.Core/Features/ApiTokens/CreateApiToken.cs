using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ApiTokens;

/// <summary>
/// A personal token, valid for <see cref="LifetimeDays"/> days. Made through the API with another token
/// (<see cref="MadeWithTokenId"/>), it expires no later than that one: otherwise a sign-in token of hours, or a leaked one,
/// could renew itself for a year.
/// </summary>
[AnyStaff]
public sealed record CreateApiToken(string Name, int LifetimeDays, Guid? MadeWithTokenId = null) : ICommand<IssuedApiToken>;

public sealed class CreateApiTokenValidator : AbstractValidator<CreateApiToken>
{
    public CreateApiTokenValidator(IOptions<ApiTokenOptions> options)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Give the token a name, for example what will use it.").MaximumLength(100);
        RuleFor(x => x.LifetimeDays).InclusiveBetween(1, options.Value.MaxLifetimeDays)
            .WithMessage($"Choose between 1 and {options.Value.MaxLifetimeDays} days.");
    }
}

public sealed class CreateApiTokenHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock) : IRequestHandler<CreateApiToken, IssuedApiToken>
{
    public async Task<IssuedApiToken> Handle(CreateApiToken request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        DateTime? callerExpiry = null;
        if (request.MadeWithTokenId is { } callerId)
            callerExpiry = await db.ApiTokens.AsNoTracking().Where(t => t.Id == callerId).Select(t => (DateTime?)t.ExpiresAt).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotAuthenticatedException();
        return await ApiTokenRules.IssueAsync(clock, db, actors.Current.StaffId!.Value, request.Name.Trim(), TimeSpan.FromDays(request.LifetimeDays), cancellationToken,
            notAfter: callerExpiry);
    }
}
