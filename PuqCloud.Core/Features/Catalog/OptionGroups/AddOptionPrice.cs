using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>Adds a price row (one per currency and period) to an option. Options have no uninstall amount.</summary>
[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record AddOptionPrice(Guid GroupId, Guid OptionId, Guid CurrencyId, PricePeriod Period,
    decimal Setup, decimal Base, decimal Idle, decimal SwitchDown, decimal SwitchUp) : ICommand<PriceDto>, IPriceFields
{
    public decimal? Uninstall => null;
}

public sealed class AddOptionPriceValidator : OptionPriceFieldsValidator<AddOptionPrice>;

public sealed class AddOptionPriceHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<AddOptionPrice, PriceDto>
{
    public async Task<PriceDto> Handle(AddOptionPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var option = await OptionRules.FindAsync(db, request.GroupId, request.OptionId, cancellationToken);
        var row = new ProductOptionPrice { ProductOptionId = option.Id };
        var currency = await OptionRules.CheckPriceAsync(db, row, request, cancellationToken);
        PriceRules.Apply(row, request);
        db.ProductOptionPrices.Add(row);
        await OptionRules.SavePriceAsync(db, cancellationToken);
        return PriceRules.ToDto(row, currency);
    }
}
