using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Adds products to the end of the group, in the order given; ones already in it are left where they are.</summary>
[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record AddProductsToGroup(Guid GroupId, IReadOnlyList<Guid> ProductIds) : ICommand<ProductGroupDetails>;

public sealed class AddProductsToGroupValidator : AbstractValidator<AddProductsToGroup>
{
    public AddProductsToGroupValidator() => RuleFor(x => x.ProductIds).NotEmpty().WithMessage("Choose at least one product.");
}

public sealed class AddProductsToGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<AddProductsToGroup, ProductGroupDetails>
{
    public async Task<ProductGroupDetails> Handle(AddProductsToGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.Include(g => g.Items).FirstOrDefaultAsync(g => g.Id == request.GroupId, cancellationToken) ?? throw new NotFoundException(ProductGroupRules.NotFound);
        var wanted = request.ProductIds.Distinct().ToList();
        var known = await db.Products.Where(p => wanted.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        if (known.Count != wanted.Count) throw RequestValidationException.For(nameof(request.ProductIds), "One of the chosen products does not exist.");
        var position = group.Items.Count == 0 ? 0 : group.Items.Max(i => i.Position);
        foreach (var productId in wanted.Where(id => group.Items.All(i => i.ProductId != id)))
            group.Items.Add(new ProductGroupItem { ProductGroupId = group.Id, ProductId = productId, Position = ++position });
        await db.SaveChangesAsync(cancellationToken);
        return await ProductGroupRules.DetailsAsync(db, group.Id, cancellationToken);
    }
}
