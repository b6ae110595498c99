using Microsoft.Extensions.Localization;
using MudBlazor;
using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Web.Components.Shared;

/// <summary>Readable, localized names of document kinds and statuses, and the chip colour of each status.</summary>
public static class DocumentTexts
{
    public static string Kind(IStringLocalizer l, DocumentType kind) => kind switch
    {
        DocumentType.Proforma => l["Proforma"],
        DocumentType.Invoice => l["Invoice"],
        DocumentType.CreditNote => l["Credit note"],
        _ => kind.ToString(),
    };

    public static string Status(IStringLocalizer l, DocumentStatus status) => status switch
    {
        DocumentStatus.Draft => l["Draft"],
        DocumentStatus.Unpaid => l["Unpaid"],
        DocumentStatus.Paid => l["Paid"],
        DocumentStatus.Invoiced => l["Invoiced"],
        DocumentStatus.Expired => l["Expired"],
        DocumentStatus.Cancelled => l["Cancelled"],
        DocumentStatus.Issued => l["Issued"],
        _ => status.ToString(),
    };

    /// <summary>Waiting for money amber, settled green, ended grey, a draft blue.</summary>
    public static Color StatusColor(DocumentStatus status) => status switch
    {
        DocumentStatus.Unpaid => Color.Warning,
        DocumentStatus.Paid or DocumentStatus.Invoiced or DocumentStatus.Issued => Color.Success,
        DocumentStatus.Draft => Color.Info,
        _ => Color.Default,
    };
}
