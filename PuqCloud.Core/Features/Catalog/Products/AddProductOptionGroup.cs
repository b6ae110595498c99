using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Attaches an option group; it goes last.</summary>
[RequiresPermission(Permissions.ProductsEdit)]
public sealed record AddProductOptionGroup(Guid ProductId, Guid OptionGroupId) : ICommand<Unit>;

public sealed class AddProductOptionGroupValidator : AbstractValidator<AddProductOptionGroup>
{
    public AddProductOptionGroupValidator() => RuleFor(x => x.OptionGroupId).NotEmpty().WithMessage("Choose an option group.");
}

public sealed class AddProductOptionGroupHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<AddProductOptionGroup, Unit>
{
    public async Task<Unit> Handle(AddProductOptionGroup request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var group = await db.OptionGroups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == request.OptionGroupId, cancellationToken)
            ?? throw RequestValidationException.For(nameof(AddProductOptionGroup.OptionGroupId), "There is no such option group.");
        var links = db.ProductOptionGroupLinks.Where(l => l.ProductId == request.ProductId);
        if (await links.AnyAsync(l => l.OptionGroupId == group.Id, cancellationToken))
            throw RequestValidationException.For(nameof(AddProductOptionGroup.OptionGroupId), $"The product already offers {group.Key}.");
        var last = await links.MaxAsync(l => (int?)l.Position, cancellationToken) ?? -1;
        db.ProductOptionGroupLinks.Add(new ProductOptionGroupLink { ProductId = request.ProductId, OptionGroupId = group.Id, Position = last + 1 });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
