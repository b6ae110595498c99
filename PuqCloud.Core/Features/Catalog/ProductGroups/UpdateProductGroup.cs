using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductGroupsEdit)]
public sealed record UpdateProductGroup(Guid Id, string Key, IReadOnlyDictionary<string, string>? Name, IReadOnlyDictionary<string, string>? Description,
    bool IsVisible, string ListView, string OrderView, string ManageView) : ICommand<ProductGroupDetails>, ICatalogGroupFields;

public sealed class UpdateProductGroupValidator : CatalogGroupFieldsValidator<UpdateProductGroup>
{
    public UpdateProductGroupValidator()
    {
        RuleFor(x => x.ListView).Must(v => ClientAreaViews.List.Contains(v)).WithMessage("Choose a list view.");
        RuleFor(x => x.OrderView).Must(v => ClientAreaViews.Order.Contains(v)).WithMessage("Choose an order view.");
        RuleFor(x => x.ManageView).Must(v => ClientAreaViews.Manage.Contains(v)).WithMessage("Choose a manage view.");
    }
}

public sealed class UpdateProductGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateProductGroup, ProductGroupDetails>
{
    public async Task<ProductGroupDetails> Handle(UpdateProductGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var group = await db.ProductGroups.FirstOrDefaultAsync(g => g.Id == request.Id, cancellationToken) ?? throw new NotFoundException(ProductGroupRules.NotFound);
        var key = CatalogKeys.Normalize(request.Key);
        await ProductGroupRules.EnsureKeyFreeAsync(db, key, group.Id, cancellationToken);
        group.Key = key;
        group.Name = Translations.Normalize(request.Name);
        group.Description = Translations.Normalize(request.Description);
        group.IsVisible = request.IsVisible;
        group.ListView = request.ListView;
        group.OrderView = request.OrderView;
        group.ManageView = request.ManageView;
        await db.SaveChangesAsync(cancellationToken);
        return await ProductGroupRules.DetailsAsync(db, group.Id, cancellationToken);
    }
}
