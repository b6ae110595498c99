using MediatR;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Catalog;

namespace PuqCloud.Web.Api;

/// <summary>Products → Products: the product, its images, prices, attributes, option groups and module settings.</summary>
public static class ProductsApi
{
    public sealed record CreateBody(string? Key);

    /// <summary>The General tab; fields left out keep their current value.</summary>
    public sealed record ProductBody(string? Key, Dictionary<string, string>? Name, Dictionary<string, string>? Description,
        bool? IsVisible, bool? IsActive, bool? IsHidden, bool? IsRetired, bool? StockControl, int? StockQuantity, bool? HourlyBilling, bool? AllowIdle,
        int? TerminationDelayHours, int? CancellationDelayHours,
        bool? NotifyWelcome, bool? NotifySuspension, bool? NotifyUnsuspension, bool? NotifyTermination, bool? NotifyCancellation, bool? ConvertPrice,
        int? ExpectedStockQuantity);

    public sealed record PriceBody(Guid? CurrencyId, PricePeriod? Period, decimal? Setup, decimal? Base, decimal? Idle, decimal? SwitchDown, decimal? SwitchUp, decimal? Uninstall);

    public sealed record AttributeBody(Guid? AttributeId);

    public sealed record OptionGroupBody(Guid? OptionGroupId);

    public sealed record OrderBody(List<Guid>? OptionGroupIds);

    public sealed record ModuleSettingsBody(string? ModuleKey, Dictionary<string, string?>? Values);

    public static void MapProducts(this RouteGroupBuilder v1)
    {
        var products = v1.MapGroup("/products").WithTags("Products");
        products.MapGet("", (IMediator m, [AsParameters] ListQuery q, string? language, bool? active, CancellationToken ct) => m.Send(new ListProducts(q.ToPageRequest(), language, active), ct))
            .WithName("ListProducts")
            .WithSummary("Products, paged; search by key; sort by key, isVisible, isActive, stockQuantity or createdAt.")
            .ProducesValidationProblem();
        products.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetProduct(id), ct))
            .WithName("GetProduct")
            .WithSummary("A product with its General fields, images, module and the number of services that use it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPost("", async (IMediator m, CreateBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new CreateProduct(b.Key ?? ""), ct);
            return TypedResults.Created($"/api/admin/v1/products/{created.Id}", created);
        }).WithName("CreateProduct")
            .WithSummary("A new product with its key: inactive and not visible until it is set up.")
            .ProducesValidationProblem();
        products.MapPut("/{id:guid}", async (IMediator m, Guid id, ProductBody b, CancellationToken ct) =>
        {
            // A script may send only what it changes: the rest is taken from the product as it is.
            var p = await m.Send(new GetProduct(id), ct);
            return await m.Send(new UpdateProduct(id, b.Key ?? p.Key, b.Name ?? p.Name, b.Description ?? p.Description,
                b.IsVisible ?? p.IsVisible, b.IsActive ?? p.IsActive, b.IsHidden ?? p.IsHidden, b.IsRetired ?? p.IsRetired,
                b.StockControl ?? p.StockControl, b.StockQuantity ?? p.StockQuantity, b.HourlyBilling ?? p.HourlyBilling, b.AllowIdle ?? p.AllowIdle,
                b.TerminationDelayHours ?? p.TerminationDelayHours, b.CancellationDelayHours ?? p.CancellationDelayHours,
                b.NotifyWelcome ?? p.NotifyWelcome, b.NotifySuspension ?? p.NotifySuspension, b.NotifyUnsuspension ?? p.NotifyUnsuspension,
                b.NotifyTermination ?? p.NotifyTermination, b.NotifyCancellation ?? p.NotifyCancellation, b.ConvertPrice ?? p.ConvertPrice,
                // Stock left out is left as orders move it; expectedStockQuantity writes the new count only over that one.
                b.StockQuantity is null ? p.StockQuantity : b.ExpectedStockQuantity), ct);
        }).WithName("UpdateProduct")
            .WithSummary("Change the General fields; fields left out keep their value (stock left out stays as orders move it). Delays are hours (0–8760). With expectedStockQuantity (the stock as the caller read it), a different stockQuantity is written only while the stock is still that (else 400 under stockQuantity, naming the stock now); a stockQuantity equal to it leaves the stock as orders move it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapDelete("/{id:guid}", async (IMediator m, Guid id, CancellationToken ct) =>
        {
            await m.Send(new DeleteProduct(id), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteProduct")
            .WithSummary("Delete a product no service uses.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        products.MapImageSlots<CatalogImageSlot>("Product", (id, slot, content) => new SetProductImage(id, slot, content));

        products.MapGet("/{id:guid}/prices", (IMediator m, Guid id, CancellationToken ct) => m.Send(new ListProductPrices(id), ct))
            .WithName("ListProductPrices")
            .WithSummary("Price rows by currency and period; isDerived rows are computed from the default currency's.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPost("/{id:guid}/prices", async (IMediator m, Guid id, PriceBody b, CancellationToken ct) =>
        {
            var created = await m.Send(new AddProductPrice(id, b.CurrencyId ?? Guid.Empty, b.Period ?? PriceBodies.NoPeriod, b.Setup ?? 0, b.Base ?? 0, b.Idle ?? 0,
                b.SwitchDown ?? 0, b.SwitchUp ?? 0, b.Uninstall ?? 0), ct);
            return TypedResults.Created($"/api/admin/v1/products/{id}/prices/{created.Id}", created);
        }).WithName("AddProductPrice")
            .WithSummary("Add a price row; one per currency and period; amounts in the currency's precision.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPut("/{id:guid}/prices/{priceId:guid}", async (IMediator m, Guid id, Guid priceId, PriceBody b, CancellationToken ct) =>
            {
                var p = await m.Send(new GetProductPrice(id, priceId), ct);
                return await m.Send(new UpdateProductPrice(id, priceId, b.CurrencyId ?? p.CurrencyId, b.Period ?? p.Period, b.Setup ?? p.Setup, b.Base ?? p.Base,
                    b.Idle ?? p.Idle, b.SwitchDown ?? p.SwitchDown, b.SwitchUp ?? p.SwitchUp, b.Uninstall ?? p.Uninstall), ct);
            })
            .WithName("UpdateProductPrice")
            .WithSummary("Change a price row (not a derived one: 409); fields left out keep their value.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        products.MapDelete("/{id:guid}/prices/{priceId:guid}", async (IMediator m, Guid id, Guid priceId, CancellationToken ct) =>
        {
            await m.Send(new DeleteProductPrice(id, priceId), ct);
            return TypedResults.NoContent();
        }).WithName("DeleteProductPrice")
            .WithSummary("Delete a price row typed by hand (a derived one: 409); a default-currency row takes the rows derived from it along.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        products.MapGet("/{id:guid}/attributes", (IMediator m, Guid id, string? language, CancellationToken ct) => m.Send(new ListProductAttributes(id, language), ct))
            .WithName("ListProductAttributes")
            .WithSummary("The attributes the product carries, with their groups.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPost("/{id:guid}/attributes", async (IMediator m, Guid id, AttributeBody b, CancellationToken ct) =>
        {
            await m.Send(new AddProductAttribute(id, b.AttributeId ?? Guid.Empty), ct);
            return TypedResults.NoContent();
        }).WithName("AddProductAttribute")
            .WithSummary("Give the product an attribute it does not carry yet.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapDelete("/{id:guid}/attributes/{attributeId:guid}", async (IMediator m, Guid id, Guid attributeId, CancellationToken ct) =>
        {
            await m.Send(new RemoveProductAttribute(id, attributeId), ct);
            return TypedResults.NoContent();
        }).WithName("RemoveProductAttribute")
            .WithSummary("Take an attribute off the product; the attribute stays in its group.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        products.MapGet("/{id:guid}/option-groups", (IMediator m, Guid id, string? language, CancellationToken ct) => m.Send(new ListProductOptionGroups(id, language), ct))
            .WithName("ListProductOptionGroups")
            .WithSummary("The option groups offered with the product in its order, each with its options in the group's order.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPost("/{id:guid}/option-groups", async (IMediator m, Guid id, OptionGroupBody b, CancellationToken ct) =>
        {
            await m.Send(new AddProductOptionGroup(id, b.OptionGroupId ?? Guid.Empty), ct);
            return TypedResults.NoContent();
        }).WithName("AddProductOptionGroup")
            .WithSummary("Attach an option group; it goes last.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPut("/{id:guid}/option-groups/order", async (IMediator m, Guid id, OrderBody b, CancellationToken ct) =>
        {
            var ids = b.OptionGroupIds ?? (await m.Send(new ListProductOptionGroups(id), ct)).Select(g => g.OptionGroupId).ToList();
            await m.Send(new ReorderProductOptionGroups(id, ids), ct);
            return TypedResults.NoContent();
        }).WithName("ReorderProductOptionGroups")
            .WithSummary("Order the attached option groups: the full list of their ids, first to last; left out, the order stays.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapDelete("/{id:guid}/option-groups/{optionGroupId:guid}", async (IMediator m, Guid id, Guid optionGroupId, CancellationToken ct) =>
        {
            await m.Send(new RemoveProductOptionGroup(id, optionGroupId), ct);
            return TypedResults.NoContent();
        }).WithName("RemoveProductOptionGroup")
            .WithSummary("Stop offering an option group with the product; the group stays.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        products.MapGet("/modules", (IMediator m, CancellationToken ct) => m.Send(new ListProductModules(), ct))
            .WithName("ListProductModules")
            .WithSummary("The active Product modules a product can use.");
        products.MapGet("/{id:guid}/module-settings", (IMediator m, Guid id, string? module, CancellationToken ct) => m.Send(new GetProductModuleSettings(id, module), ct))
            .WithName("GetProductModuleSettings")
            .WithSummary("The product's module and its settings form; ?module=KEY gives another module's empty form. Secrets only say isSet.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        products.MapPut("/{id:guid}/module-settings", async (IMediator m, Guid id, ModuleSettingsBody b, CancellationToken ct) =>
            {
                // Left out, the module stays, and so does its saved form (secrets are not read back: an empty one keeps the saved one).
                var saved = await m.Send(new GetProductModuleSettings(id), ct);
                var moduleKey = b.ModuleKey ?? saved.SavedModuleKey;
                var sameModule = string.Equals(moduleKey?.Trim(), saved.SavedModuleKey, StringComparison.Ordinal);
                return await m.Send(new SaveProductModuleSettings(id, moduleKey,
                    b.Values ?? (sameModule ? saved.Fields.ToDictionary(f => f.Key, f => f.Value) : [])), ct);
            })
            .WithName("SaveProductModuleSettings")
            .WithSummary("Choose the module and save its whole form; a different module deletes the old one's settings; an empty secret keeps the saved one. " +
                "Left out, the module and its form stay; moduleKey \"\" clears both.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>An unknown slot name still reaches the request, so that permissions are checked before the validator refuses it.</summary>
}
