using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Domain.Reference;

namespace PuqCloud.Core.Domain.Catalog;

/// <summary>How often a price is charged. One-time is charged once; the others recur.</summary>
public enum PricePeriod
{
    OneTime,
    Hourly,
    Daily,
    Weekly,
    BiWeekly,
    Monthly,
    Quarterly,
    SemiAnnually,
    Annually,
    Biennially,
    Triennially,
}

/// <summary>
/// The amounts of one price row (one currency, one period). Products and options share the shape; a product
/// adds what uninstalling costs. Amounts are entered in the currency's precision.
/// </summary>
public abstract class PriceRow : Entity
{
    public Guid CurrencyId { get; set; }
    public Currency? Currency { get; set; }
    public PricePeriod Period { get; set; }
    public decimal Setup { get; set; }
    public decimal Base { get; set; }
    public decimal Idle { get; set; }
    public decimal SwitchDown { get; set; }
    public decimal SwitchUp { get; set; }
}

/// <summary>A product: what customers buy. Prices, options, attributes and the provisioning module hang on it.</summary>
public class Product : Entity, IHasAuditTimes
{
    public string Key { get; set; } = "";
    /// <summary>Name per language code ("en", "pl"); see <see cref="Translations"/>.</summary>
    public Dictionary<string, string> Name { get; set; } = [];
    public Dictionary<string, string> Description { get; set; } = [];
    /// <summary>Listed in the client area's store.</summary>
    public bool IsVisible { get; set; }
    /// <summary>Can be ordered and provisioned at all.</summary>
    public bool IsActive { get; set; }
    /// <summary>Orderable by a direct link only, never listed.</summary>
    public bool IsHidden { get; set; }
    /// <summary>No new orders; existing services keep running and renewing.</summary>
    public bool IsRetired { get; set; }
    public bool StockControl { get; set; }
    public int StockQuantity { get; set; }
    /// <summary>Charged by the hour from the prepaid balance (pay-as-you-go) rather than per period.</summary>
    public bool HourlyBilling { get; set; }
    /// <summary>A service may be put into the idle state, charged at the idle price.</summary>
    public bool AllowIdle { get; set; }
    /// <summary>Hours between suspension and termination; 0 never terminates a suspended service.</summary>
    public int TerminationDelayHours { get; set; }
    /// <summary>Hours an ordered (pending) service waits for funds before it is cancelled; 0 waits for ever.</summary>
    public int CancellationDelayHours { get; set; }
    public bool NotifyWelcome { get; set; } = true;
    public bool NotifySuspension { get; set; } = true;
    public bool NotifyUnsuspension { get; set; } = true;
    public bool NotifyTermination { get; set; } = true;
    public bool NotifyCancellation { get; set; } = true;
    /// <summary>Prices in other currencies are derived from the default currency's by the exchange rate.</summary>
    public bool ConvertPrice { get; set; }
    public string? IconPath { get; set; }
    public string? BackgroundPath { get; set; }
    /// <summary>The Product module that provisions its services; its per-product settings are <see cref="ProductModuleSetting"/>.</summary>
    public string? ModuleKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<ProductPrice> Prices { get; set; } = [];
}

public class ProductPrice : PriceRow
{
    public Guid ProductId { get; set; }
    public decimal Uninstall { get; set; }
    /// <summary>Computed from the default currency's row by the exchange rate (a "convert price" product); not edited by hand.</summary>
    public bool IsDerived { get; set; }
}

/// <summary>One value of the product's module settings form (the module's ProductSettings fields).</summary>
public class ProductModuleSetting
{
    public Guid ProductId { get; set; }
    public string Key { get; set; } = "";
    [Sensitive] public string? Value { get; set; }
    public bool IsSecret { get; set; }
}

/// <summary>A storefront category of products (Mini/Medium/Advanced plans…), ordered by <see cref="Position"/>.</summary>
public class ProductGroup : Entity, IHasAuditTimes
{
    public string Key { get; set; } = "";
    public Dictionary<string, string> Name { get; set; } = [];
    public Dictionary<string, string> Description { get; set; } = [];
    public bool IsVisible { get; set; }
    public int Position { get; set; }
    public string? IconPath { get; set; }
    public string? BackgroundPath { get; set; }
    /// <summary>The client-area views used to list the group, order from it and manage its services.</summary>
    public string ListView { get; set; } = "";
    public string OrderView { get; set; } = "";
    public string ManageView { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ProductGroupItem> Items { get; set; } = [];
}

/// <summary>A product listed in a group, at a position within it. A product may be in several groups.</summary>
public class ProductGroupItem
{
    public Guid ProductGroupId { get; set; }
    public Guid ProductId { get; set; }
    public Product? Product { get; set; }
    public int Position { get; set; }
}

/// <summary>A labelled collection of attributes (IPv4, IPv6, 10 Gbps…) that products can carry.</summary>
public class AttributeGroup : Entity, IHasAuditTimes
{
    public string Key { get; set; } = "";
    public Dictionary<string, string> Name { get; set; } = [];
    public Dictionary<string, string> Description { get; set; } = [];
    public bool IsVisible { get; set; }
    public string? IconPath { get; set; }
    public string? BackgroundPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ProductAttribute> Attributes { get; set; } = [];
}

/// <summary>One capability or flag. Keys are unique across all groups so modules can refer to them.</summary>
public class ProductAttribute : Entity
{
    public Guid AttributeGroupId { get; set; }
    public string Key { get; set; } = "";
    public Dictionary<string, string> Name { get; set; } = [];
    public bool IsVisible { get; set; }
}

/// <summary>An attribute a product carries.</summary>
public class ProductAttributeLink
{
    public Guid ProductId { get; set; }
    public Guid AttributeId { get; set; }
    public ProductAttribute? Attribute { get; set; }
}

/// <summary>Reusable choices (Firewall level, CPU tier, Location…) with their own prices, attached to many products.</summary>
public class OptionGroup : Entity, IHasAuditTimes
{
    public string Key { get; set; } = "";
    public Dictionary<string, string> Name { get; set; } = [];
    public Dictionary<string, string> Description { get; set; } = [];
    public int Position { get; set; }
    public string? IconPath { get; set; }
    public string? BackgroundPath { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ProductOption> Options { get; set; } = [];
}

/// <summary>One selectable item of an option group, shown in <see cref="Position"/> order.</summary>
public class ProductOption : Entity
{
    public Guid OptionGroupId { get; set; }
    public string Key { get; set; } = "";
    public Dictionary<string, string> Name { get; set; } = [];
    public int Position { get; set; }
    public List<ProductOptionPrice> Prices { get; set; } = [];
}

public class ProductOptionPrice : PriceRow
{
    public Guid ProductOptionId { get; set; }
}

/// <summary>An option group offered with a product, at a position among the product's groups.</summary>
public class ProductOptionGroupLink
{
    public Guid ProductId { get; set; }
    public Guid OptionGroupId { get; set; }
    public OptionGroup? OptionGroup { get; set; }
    public int Position { get; set; }
}
