using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

[RequiresPermission(Permissions.OptionGroupsEdit)]
public sealed record UpdateOptionPrice(Guid GroupId, Guid OptionId, Guid PriceId, Guid CurrencyId, PricePeriod Period,
    decimal Setup, decimal Base, decimal Idle, decimal SwitchDown, decimal SwitchUp) : ICommand<PriceDto>, IPriceFields
{
    public decimal? Uninstall => null;
}

public sealed class UpdateOptionPriceValidator : OptionPriceFieldsValidator<UpdateOptionPrice>;

public sealed class UpdateOptionPriceHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<UpdateOptionPrice, PriceDto>
{
    public async Task<PriceDto> Handle(UpdateOptionPrice request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await OptionRules.FindPriceAsync(db, request.GroupId, request.OptionId, request.PriceId, cancellationToken);
        PriceRules.EnsureSameCurrencyAndPeriod(row, request);
        var currency = await OptionRules.CheckPriceAsync(db, row, request, cancellationToken);
        PriceRules.Apply(row, request);
        await OptionRules.SavePriceAsync(db, cancellationToken);
        return PriceRules.ToDto(row, currency);
    }
}
