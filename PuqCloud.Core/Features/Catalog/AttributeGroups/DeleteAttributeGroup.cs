using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Deletes the group with its attributes; products that carried them simply lose them.</summary>
[RequiresPermission(Permissions.AttributeGroupsDelete)]
public sealed record DeleteAttributeGroup(Guid Id) : ICommand<Unit>;

public sealed class DeleteAttributeGroupHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<DeleteAttributeGroup, Unit>
{
    public async Task<Unit> Handle(DeleteAttributeGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.AttributeGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(AttributeGroupRules.NotFound);
        // Attributes and their links to products go with the group (cascades in the schema).
        db.AttributeGroups.Remove(group);
        await db.SaveChangesAsync(cancellationToken);
        images.Delete(group.IconPath);
        images.Delete(group.BackgroundPath);
        return Unit.Value;
    }
}
