using PuqCloud.Core.Features.Catalog;

namespace PuqCloud.Web.Components.Admin.Catalog;

/// <summary>
/// What the product's General tab holds while it is edited. The page keeps it, so that typing survives a visit to
/// another tab; the tab saves it with its Save button.
/// </summary>
public sealed class ProductGeneralForm
{
    public string? Key { get; set; }
    public IReadOnlyDictionary<string, string>? Name { get; set; }
    public IReadOnlyDictionary<string, string>? Description { get; set; }
    public bool IsVisible { get; set; }
    public bool IsActive { get; set; }
    public bool IsHidden { get; set; }
    public bool IsRetired { get; set; }
    public bool StockControl { get; set; }
    public int StockQuantity { get; set; }
    /// <summary>The stock the form was loaded with: a save that leaves <see cref="StockQuantity"/> as it was keeps what orders did since.</summary>
    public int StockQuantityLoaded { get; set; }
    public bool HourlyBilling { get; set; }
    public bool AllowIdle { get; set; }
    public bool ConvertPrice { get; set; }
    public int TerminationDelayHours { get; set; }
    public int CancellationDelayHours { get; set; }
    public bool NotifyWelcome { get; set; }
    public bool NotifySuspension { get; set; }
    public bool NotifyUnsuspension { get; set; }
    public bool NotifyTermination { get; set; }
    public bool NotifyCancellation { get; set; }

    public static ProductGeneralForm From(ProductDto p) => new()
    {
        Key = p.Key, Name = p.Name, Description = p.Description,
        IsVisible = p.IsVisible, IsActive = p.IsActive, IsHidden = p.IsHidden, IsRetired = p.IsRetired,
        StockControl = p.StockControl, StockQuantity = p.StockQuantity, StockQuantityLoaded = p.StockQuantity, HourlyBilling = p.HourlyBilling, AllowIdle = p.AllowIdle, ConvertPrice = p.ConvertPrice,
        TerminationDelayHours = p.TerminationDelayHours, CancellationDelayHours = p.CancellationDelayHours,
        NotifyWelcome = p.NotifyWelcome, NotifySuspension = p.NotifySuspension, NotifyUnsuspension = p.NotifyUnsuspension,
        NotifyTermination = p.NotifyTermination, NotifyCancellation = p.NotifyCancellation,
    };

    public UpdateProduct ToRequest(Guid id) => new(id, Key ?? "", Name, Description, IsVisible, IsActive, IsHidden, IsRetired,
        StockControl, StockQuantity, HourlyBilling, AllowIdle, TerminationDelayHours, CancellationDelayHours,
        NotifyWelcome, NotifySuspension, NotifyUnsuspension, NotifyTermination, NotifyCancellation, ConvertPrice, StockQuantityLoaded);
}
