using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Replaces the group's icon or background (null content removes it); answers the new path.</summary>
[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record SetAttributeGroupImage(Guid Id, CatalogImageSlot Slot, byte[]? Content) : ICommand<string?>;

public sealed class SetAttributeGroupImageHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<SetAttributeGroupImage, string?>
{
    public async Task<string?> Handle(SetAttributeGroupImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.AttributeGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(AttributeGroupRules.NotFound);
        var icon = request.Slot == CatalogImageSlot.Icon;
        return await images.ReplaceAsync(db, "attribute-groups", request.Content, icon ? group.IconPath : group.BackgroundPath,
            path => { if (icon) group.IconPath = path; else group.BackgroundPath = path; }, cancellationToken);
    }
}
