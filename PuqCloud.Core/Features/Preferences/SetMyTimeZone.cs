using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Preferences;

/// <summary>The time zone the signed-in staff member reads the console's times in.</summary>
[AnyStaff]
public sealed record SetMyTimeZone(string TimeZone) : ICommand<Unit>;

public sealed class SetMyTimeZoneValidator : AbstractValidator<SetMyTimeZone>
{
    public SetMyTimeZoneValidator() =>
        RuleFor(x => x.TimeZone).Must(TimeZones.IsKnown).WithMessage("Choose a time zone from the list.");
}

public sealed class SetMyTimeZoneHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors) : IRequestHandler<SetMyTimeZone, Unit>
{
    public async Task<Unit> Handle(SetMyTimeZone request, CancellationToken cancellationToken)
    {
        var id = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = await db.StaffAccounts.FirstOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotAuthenticatedException();
        me.TimeZone = request.TimeZone.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
