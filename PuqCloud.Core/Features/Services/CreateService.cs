using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Billing;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Services;
using PuqCloud.Core.Engine.Tasks;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Services;

/// <summary>
/// Staff order a service for a client: a product, one of its prices in the client's currency, and at most one option
/// per option group of the product. It starts pending (the Service tab's "Create pending services" starts it when the
/// balance covers the setup fee and the first charge), or at once with <see cref="StartNow"/>, which is refused
/// as a whole when the balance does not cover them.
/// </summary>
[RequiresPermission(Permissions.ServicesCreate)]
public sealed record CreateService(Guid ClientId, Guid ProductId, Guid ProductPriceId, IReadOnlyList<Guid>? OptionIds = null, string? Label = null, bool StartNow = false)
    : ICommand<ServiceDetails>;

public sealed class CreateServiceValidator : AbstractValidator<CreateService>
{
    public CreateServiceValidator()
    {
        RuleFor(x => x.ClientId).NotEmpty().WithMessage("Choose a client.");
        RuleFor(x => x.ProductId).NotEmpty().WithMessage("Choose a product.");
        RuleFor(x => x.ProductPriceId).NotEmpty().WithMessage("Choose a price.");
        RuleFor(x => x.Label).MaximumLength(100).WithMessage("Use at most 100 characters.");
    }
}

public sealed class CreateServiceHandler(IDbContextFactory<AppDbContext> contexts, BillingClock clock, ActorContext actors, TaskSignal signal, ILiveEvents live)
    : IRequestHandler<CreateService, ServiceDetails>
{
    public async Task<ServiceDetails> Handle(CreateService request, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        Guid id;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var client = await db.Clients.AsNoTracking().Where(c => c.Id == request.ClientId).Select(c => new { c.CurrencyId, Code = c.Currency!.Code }).FirstOrDefaultAsync(cancellationToken)
                ?? throw RequestValidationException.For(nameof(CreateService.ClientId), "The client does not exist.");
            var product = await db.Products.FirstOrDefaultAsync(p => p.Id == request.ProductId, cancellationToken)
                ?? throw RequestValidationException.For(nameof(CreateService.ProductId), "The product does not exist.");
            if (!product.IsActive) throw RequestValidationException.For(nameof(CreateService.ProductId), "The product is not active: activate it before selling it.");
            if (product.StockControl && product.StockQuantity <= 0) throw RequestValidationException.For(nameof(CreateService.ProductId), "The product is out of stock.");
            var price = await db.ProductPrices.AsNoTracking().Where(p => p.Id == request.ProductPriceId && p.ProductId == product.Id)
                .Select(p => new { p.CurrencyId, Code = p.Currency!.Code }).FirstOrDefaultAsync(cancellationToken)
                ?? throw RequestValidationException.For(nameof(CreateService.ProductPriceId), "Choose one of the product's prices.");
            if (price.CurrencyId != client.CurrencyId)
                throw RequestValidationException.For(nameof(CreateService.ProductPriceId), $"The price is in {price.Code}, but the client pays in {client.Code}.");
            var optionIds = (await ServiceSteps.CheckOptionsAsync(db, product.Id, request.OptionIds ?? [], [], nameof(CreateService.OptionIds), cancellationToken))
                .Select(o => o.Id).ToList();

            if (product.StockControl) product.StockQuantity--;
            var service = new Service
            {
                ClientId = request.ClientId, ProductId = product.Id, ProductPriceId = request.ProductPriceId, OrderedAt = now,
                Label = string.IsNullOrWhiteSpace(request.Label) ? null : request.Label.Trim(),
                Options = optionIds.Select(o => new ServiceOptionChoice { ProductOptionId = o, AddedAt = now }).ToList(),
            };
            db.Services.Add(service);
            var actor = ServiceRules.ActorName(actors);
            ServiceSteps.Record(db, service, "Ordered", "Ordered by staff.", actor, now);
            await db.SaveChangesAsync(cancellationToken);
            if (request.StartNow)
            {
                await ServiceSteps.ActivateAsync(db, service, await BillingData.PlanAsync(db, service.Id, cancellationToken), now, actor, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            id = service.Id;
        }
        signal.Notify();
        await live.PublishAsync(new LiveEvent(ServiceTopics.Services, request.ClientId.ToString(), now), cancellationToken);
        return await ServiceRules.DetailsAsync(contexts, id, clock, cancellationToken);
    }
}
