using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>The new order of the group's options (every option of the group exactly once).</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record ReorderOptions(Guid GroupId, IReadOnlyList<Guid> Ids) : ICommand<OptionGroupDetails>;

public sealed class ReorderOptionsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ReorderOptions, OptionGroupDetails>
{
    public async Task<OptionGroupDetails> Handle(ReorderOptions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.OptionGroups.AnyAsync(g => g.Id == request.GroupId, cancellationToken)) throw new NotFoundException(OptionRules.GroupNotFound);
        var options = await db.ProductOptions.Where(o => o.OptionGroupId == request.GroupId).ToListAsync(cancellationToken);
        CatalogPositions.Apply(request.Ids, options, o => o.Id, (o, position) => o.Position = position, "List every option of the group exactly once.");
        await db.SaveChangesAsync(cancellationToken);
        return await OptionGroupReads.DetailsAsync(db, request.GroupId, cancellationToken);
    }
}
