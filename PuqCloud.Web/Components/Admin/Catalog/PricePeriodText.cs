using Microsoft.Extensions.Localization;
using PuqCloud.Core.Domain.Catalog;

namespace PuqCloud.Web.Components.Admin.Catalog;

/// <summary>The names of price periods as price tables and dialogs show them.</summary>
public static class PricePeriodText
{
    public static string Of(PricePeriod period, IStringLocalizer l) => period switch
    {
        PricePeriod.OneTime => l["One-time"],
        PricePeriod.Hourly => l["Hourly"],
        PricePeriod.Daily => l["Daily"],
        PricePeriod.Weekly => l["Weekly"],
        PricePeriod.BiWeekly => l["Bi-weekly"],
        PricePeriod.Monthly => l["Monthly"],
        PricePeriod.Quarterly => l["Quarterly"],
        PricePeriod.SemiAnnually => l["Semi-annually"],
        PricePeriod.Annually => l["Annually"],
        PricePeriod.Biennially => l["Biennially"],
        PricePeriod.Triennially => l["Triennially"],
        _ => period.ToString(),
    };
}
