using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ApiTokens;

/// <summary>A personal token made in the console, valid for <see cref="LifetimeDays"/> days.</summary>
[AnyStaff]
public sealed record CreateApiToken(string Name, int LifetimeDays) : ICommand<IssuedApiToken>;

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
        return await ApiTokenRules.IssueAsync(clock, db, actors.Current.StaffId!.Value, request.Name.Trim(), TimeSpan.FromDays(request.LifetimeDays), cancellationToken);
    }
}
