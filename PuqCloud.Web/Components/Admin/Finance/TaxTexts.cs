using System.Globalization;
using Microsoft.Extensions.Localization;
using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Web.Components.Admin.Finance;

/// <summary>How tax pages write client types and taxes.</summary>
public static class TaxTexts
{
    public static string ClientType(IStringLocalizer L, ClientTaxType type) => type switch
    {
        ClientTaxType.Private => L["Private client"],
        ClientTaxType.CompanyWithoutTaxId => L["Company without tax ID"],
        _ => L["Company with tax ID"],
    };

    public static string Line(TaxLine tax) => $"{tax.Name} {tax.Rate.ToString("0.000", CultureInfo.InvariantCulture)} %";

    public static string Total(decimal rate) => rate.ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
