using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Replaces the group's icon or background (null content removes it); answers the new path.</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record SetOptionGroupImage(Guid Id, CatalogImageSlot Slot, byte[]? Content) : ICommand<string?>;

public sealed class SetOptionGroupImageHandler(IDbContextFactory<AppDbContext> contexts, IImageStore images) : IRequestHandler<SetOptionGroupImage, string?>
{
    public async Task<string?> Handle(SetOptionGroupImage request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.OptionGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(OptionGroupRules.NotFound);
        var icon = request.Slot == CatalogImageSlot.Icon;
        return await images.ReplaceAsync(db, "option-groups", request.Content, icon ? group.IconPath : group.BackgroundPath,
            path => { if (icon) group.IconPath = path; else group.BackgroundPath = path; }, cancellationToken);
    }
}
