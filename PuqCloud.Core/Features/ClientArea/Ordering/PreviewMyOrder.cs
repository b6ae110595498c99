using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Settings;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The order page's summary as the choices are made: the price with its taxes and the funds check (<see cref="OrderPreview"/>),
/// by the rules that place and start the order, written nowhere. The product must be one the client may order (else not
/// found); the price one of its prices in the client's currency; the options of its option groups, at most one per group.
/// </summary>
[ClientMember(ClientPermissions.ManageOrders)]
public sealed record PreviewMyOrder(Guid ClientId, Guid ProductId, Guid ProductPriceId, IReadOnlyList<Guid>? OptionIds = null) : IQuery<OrderPreview>, IClientScoped;

public sealed class PreviewMyOrderValidator : AbstractValidator<PreviewMyOrder>
{
    public PreviewMyOrderValidator()
    {
        RuleFor(x => x.ProductId).NotEmpty().WithMessage("Choose a product.");
        RuleFor(x => x.ProductPriceId).NotEmpty().WithMessage("Choose a price.");
    }
}

public sealed class PreviewMyOrderHandler(IDbContextFactory<AppDbContext> contexts, IGeneralSettingsStore settings, ActorContext actors, BillingClock clock)
    : IRequestHandler<PreviewMyOrder, OrderPreview>
{
    public async Task<OrderPreview> Handle(PreviewMyOrder request, CancellationToken cancellationToken)
    {
        var finance = (await settings.LoadAsync(cancellationToken)).Finance;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var buyer = await OrderRules.BuyerAsync(db, request.ClientId, cancellationToken);
        var product = await OrderRules.ProductAsync(db, request.ProductId, cancellationToken);
        var language = await OrderRules.LanguageAsync(db, actors, cancellationToken);
        return await OrderRules.PreviewAsync(db, finance, buyer, product, request.ProductPriceId, request.OptionIds ?? [], language, clock.UtcNow, cancellationToken);
    }
}
