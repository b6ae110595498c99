using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Features.ApiTokens;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// A client user makes a token for the client API that acts as them for this client only, valid for
/// <see cref="LifetimeDays"/> days. Any member may make one: the token can never do more than its user may.
/// Made through the API with another token (<see cref="MadeWithTokenId"/>), it expires no later than that one: otherwise
/// a token of one day, or one taken from a hijacked session, could renew itself for ever.
/// </summary>
[ClientMember]
[NotWhileImpersonating]
public sealed record CreateClientApiToken(Guid ClientId, string Name, int LifetimeDays, Guid? MadeWithTokenId = null) : ICommand<IssuedApiToken>, IClientScoped;

public sealed class CreateClientApiTokenValidator : AbstractValidator<CreateClientApiToken>
{
    public CreateClientApiTokenValidator(IOptions<ApiTokenOptions> options)
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Give the token a name, for example what will use it.").MaximumLength(100);
        RuleFor(x => x.LifetimeDays).InclusiveBetween(1, options.Value.MaxLifetimeDays)
            .WithMessage($"Choose between 1 and {options.Value.MaxLifetimeDays} days.");
    }
}

public sealed class CreateClientApiTokenHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, TimeProvider clock)
    : IRequestHandler<CreateClientApiToken, IssuedApiToken>
{
    public async Task<IssuedApiToken> Handle(CreateClientApiToken request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var expiresAt = now.AddDays(request.LifetimeDays);
        if (request.MadeWithTokenId is { } callerId)
        {
            var callerExpiry = await db.ClientApiTokens.AsNoTracking().Where(t => t.Id == callerId).Select(t => (DateTime?)t.ExpiresAt).FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotAuthenticatedException();
            if (callerExpiry < expiresAt) expiresAt = callerExpiry;
        }
        var token = ApiTokenFormat.NewToken(ApiTokenFormat.ClientScheme);
        var entity = new ClientApiToken
        {
            ClientUserId = actors.Current.ClientUserId!.Value,
            ClientId = request.ClientId,
            Name = request.Name.Trim(),
            Prefix = ApiTokenFormat.PrefixOf(token),
            TokenHash = ApiTokenFormat.Hash(token),
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.ClientApiTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiToken(entity.Id, token, entity.ExpiresAt);
    }
}
