using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.ProductsEdit)]
public sealed record AddProductAttribute(Guid ProductId, Guid AttributeId) : ICommand<Unit>;

public sealed class AddProductAttributeValidator : AbstractValidator<AddProductAttribute>
{
    public AddProductAttributeValidator() => RuleFor(x => x.AttributeId).NotEmpty().WithMessage("Choose an attribute.");
}

public sealed class AddProductAttributeHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<AddProductAttribute, Unit>
{
    public async Task<Unit> Handle(AddProductAttribute request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await ProductRules.FindAsync(db.Products.AsNoTracking(), request.ProductId, cancellationToken);
        var attribute = await db.ProductAttributes.AsNoTracking().FirstOrDefaultAsync(a => a.Id == request.AttributeId, cancellationToken)
            ?? throw RequestValidationException.For(nameof(AddProductAttribute.AttributeId), "There is no such attribute.");
        if (await db.ProductAttributeLinks.AnyAsync(l => l.ProductId == request.ProductId && l.AttributeId == attribute.Id, cancellationToken))
            throw RequestValidationException.For(nameof(AddProductAttribute.AttributeId), $"The product already has {attribute.Key}.");
        db.ProductAttributeLinks.Add(new ProductAttributeLink { ProductId = request.ProductId, AttributeId = attribute.Id });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
