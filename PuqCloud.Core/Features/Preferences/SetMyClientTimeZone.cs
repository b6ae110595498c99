using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Preferences;

/// <summary>The time zone the signed-in client user reads the client area's times in.</summary>
[AnyClientUser]
public sealed record SetMyClientTimeZone(string TimeZone) : ICommand<Unit>;

public sealed class SetMyClientTimeZoneValidator : AbstractValidator<SetMyClientTimeZone>
{
    public SetMyClientTimeZoneValidator() =>
        RuleFor(x => x.TimeZone).Must(TimeZones.IsKnown).WithMessage("Choose a time zone from the list.");
}

public sealed class SetMyClientTimeZoneHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors) : IRequestHandler<SetMyClientTimeZone, Unit>
{
    public async Task<Unit> Handle(SetMyClientTimeZone request, CancellationToken cancellationToken)
    {
        var id = actors.Current.ClientUserId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await db.ClientUsers.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotAuthenticatedException();
        me.TimeZone = request.TimeZone.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
