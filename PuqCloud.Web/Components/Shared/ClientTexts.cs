using Microsoft.Extensions.Localization;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Security;
using MudBlazor;

namespace PuqCloud.Web.Components.Shared;

/// <summary>Readable, localized names of client permissions and statuses, and the badge colour of each status.</summary>
public static class ClientTexts
{
    public static string Permission(IStringLocalizer l, string permission) => permission switch
    {
        ClientPermissions.ModifyProfile => l["Modify profile"],
        ClientPermissions.ManageUsers => l["Manage users"],
        ClientPermissions.ManageServices => l["Manage services"],
        ClientPermissions.ManageInvoices => l["Manage invoices"],
        ClientPermissions.ManageOrders => l["Manage orders"],
        ClientPermissions.ViewTransactions => l["View transactions"],
        _ => permission,
    };

    public static string Status(IStringLocalizer l, ClientStatus status) => status switch
    {
        ClientStatus.New => l["New"],
        ClientStatus.Active => l["Active"],
        ClientStatus.Inactive => l["Inactive"],
        ClientStatus.Closed => l["Closed"],
        ClientStatus.Fraud => l["Fraud"],
        _ => status.ToString(),
    };

    public static Color StatusColor(ClientStatus status) => status switch
    {
        ClientStatus.Active => Color.Success,
        ClientStatus.New => Color.Info,
        ClientStatus.Fraud => Color.Error,
        ClientStatus.Closed => Color.Default,
        _ => Color.Warning,
    };
}
