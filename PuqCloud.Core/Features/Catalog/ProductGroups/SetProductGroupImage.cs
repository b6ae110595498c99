using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Replaces the group's icon or background (null content removes it); answers the new path.</summary>
[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record SetProductGroupImage(Guid GroupId, CatalogImageSlot Slot, byte[]? Content) : ICommand<string?>;

public sealed class SetProductGroupImageHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<SetProductGroupImage, string?>
{
    public async Task<string?> Handle(SetProductGroupImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.FirstOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken) ?? throw new NotFoundException(ProductGroupRules.NotFound);
        return request.Slot == CatalogImageSlot.Icon
            ? await images.ReplaceAsync(db, "product-groups", request.Content, group.IconPath, p => group.IconPath = p, cancellationToken)
            : await images.ReplaceAsync(db, "product-groups", request.Content, group.BackgroundPath, p => group.BackgroundPath = p, cancellationToken);
    }
}
