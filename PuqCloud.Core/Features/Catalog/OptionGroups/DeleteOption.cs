using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record DeleteOption(Guid GroupId, Guid OptionId) : ICommand<Unit>;

public sealed class DeleteOptionHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeleteOption, Unit>
{
    public async Task<Unit> Handle(DeleteOption request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var option = await OptionRules.FindAsync(db, request.GroupId, request.OptionId, cancellationToken);
        await OptionRules.EnsureNotHeldAsync(db, db.ProductOptions.Where(o => o.Id == option.Id).Select(o => o.Id), "this option", cancellationToken);
        db.ProductOptions.Remove(option);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
