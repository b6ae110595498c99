using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductGroupsCreate)]
public sealed record CreateProductGroup(string Key) : ICommand<ProductGroupDetails>;

public sealed class CreateProductGroupValidator : AbstractValidator<CreateProductGroup>
{
    public CreateProductGroupValidator() => RuleFor(x => x.Key).ValidCatalogKey();
}

public sealed class CreateProductGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<CreateProductGroup, ProductGroupDetails>
{
    public async Task<ProductGroupDetails> Handle(CreateProductGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var key = CatalogKeys.Normalize(request.Key);
        await ProductGroupRules.EnsureKeyFreeAsync(db, key, null, cancellationToken);
        var last = await db.ProductGroups.MaxAsync(g => (int?)g.Position, cancellationToken) ?? 0;
        var group = new ProductGroup
        {
            Key = key,
            Position = last + 1,
            ListView = ClientAreaViews.List[0],
            OrderView = ClientAreaViews.Order[0],
            ManageView = ClientAreaViews.Manage[0],
        };
        db.ProductGroups.Add(group);
        await db.SaveChangesAsync(cancellationToken);
        return await ProductGroupRules.DetailsAsync(db, group.Id, cancellationToken);
    }
}
