using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Deletes an attribute; products that carry it lose it (the console asks first, naming how many).</summary>
[RequiresPermission(Permissions.AttributeGroupsEdit)]
public sealed record DeleteAttribute(Guid GroupId, Guid AttributeId) : ICommand<Unit>;

public sealed class DeleteAttributeHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<DeleteAttribute, Unit>
{
    public async Task<Unit> Handle(DeleteAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var attribute = await AttributeGroupRules.FindAttributeAsync(db, request.GroupId, request.AttributeId, cancellationToken);
        // Products that carried it lose it: the links cascade.
        db.ProductAttributes.Remove(attribute);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
