using System.Reflection;

namespace PuqCloud.Core.Security;

/// <summary>
/// The catalog of staff permissions, "area.action" (the area may have two parts, "staff.admins").
/// Each request declares the one it needs; a staff member holds the union of their groups' permissions,
/// and a super admin holds all. Later issues add their areas here.
/// </summary>
public static class Permissions
{
    public const string DashboardView = "dashboard.view";

    public const string ClientsView = "clients.view";
    public const string ClientsCreate = "clients.create";
    public const string ClientsEdit = "clients.edit";
    public const string ClientsDelete = "clients.delete";
    /// <summary>Open the client area as a client's owner ("Sign in as client").</summary>
    public const string ClientsSignInAs = "clients.sign-in-as";

    public const string UsersView = "users.view";
    public const string UsersCreate = "users.create";
    public const string UsersEdit = "users.edit";
    public const string UsersDelete = "users.delete";

    public const string AdminsView = "staff.admins.view";
    public const string AdminsCreate = "staff.admins.create";
    public const string AdminsEdit = "staff.admins.edit";
    public const string AdminsDelete = "staff.admins.delete";

    public const string GroupsView = "staff.groups.view";
    public const string GroupsCreate = "staff.groups.create";
    public const string GroupsEdit = "staff.groups.edit";
    public const string GroupsDelete = "staff.groups.delete";

    public const string AdminSessionsView = "monitoring.admin-sessions.view";
    public const string ClientSessionsView = "monitoring.client-sessions.view";
    public const string ActivityLogView = "monitoring.activity-log.view";

    public const string TasksView = "monitoring.tasks.view";
    public const string ModuleLogView = "monitoring.module-log.view";
    public const string ModuleLogDelete = "monitoring.module-log.delete";

    public const string SchedulesView = "automation.scheduler.view";
    public const string SchedulesEdit = "automation.scheduler.edit";
    public const string SchedulesRun = "automation.scheduler.run";

    public const string ModulesView = "settings.modules.view";
    /// <summary>Activate, deactivate, update and configure modules.</summary>
    public const string ModulesManage = "settings.modules.manage";

    public const string GeneralSettingsView = "settings.general.view";
    public const string GeneralSettingsEdit = "settings.general.edit";
    public const string CountriesView = "settings.countries.view";
    public const string CurrenciesView = "settings.currencies.view";
    public const string CurrenciesCreate = "settings.currencies.create";
    public const string CurrenciesEdit = "settings.currencies.edit";
    public const string CurrenciesDelete = "settings.currencies.delete";

    public const string ProductsView = "catalog.products.view";
    public const string ProductsCreate = "catalog.products.create";
    public const string ProductsEdit = "catalog.products.edit";
    public const string ProductsDelete = "catalog.products.delete";

    public const string ProductGroupsView = "catalog.product-groups.view";
    public const string ProductGroupsCreate = "catalog.product-groups.create";
    public const string ProductGroupsEdit = "catalog.product-groups.edit";
    public const string ProductGroupsDelete = "catalog.product-groups.delete";

    public const string AttributeGroupsView = "catalog.attribute-groups.view";
    public const string AttributeGroupsCreate = "catalog.attribute-groups.create";
    public const string AttributeGroupsEdit = "catalog.attribute-groups.edit";
    public const string AttributeGroupsDelete = "catalog.attribute-groups.delete";

    public const string OptionGroupsView = "catalog.option-groups.view";
    public const string OptionGroupsCreate = "catalog.option-groups.create";
    public const string OptionGroupsEdit = "catalog.option-groups.edit";
    public const string OptionGroupsDelete = "catalog.option-groups.delete";

    public const string HomeCompaniesView = "finance.home-companies.view";
    public const string HomeCompaniesCreate = "finance.home-companies.create";
    public const string HomeCompaniesEdit = "finance.home-companies.edit";
    public const string HomeCompaniesDelete = "finance.home-companies.delete";

    public const string TaxRulesView = "finance.tax-rules.view";
    public const string TaxRulesCreate = "finance.tax-rules.create";
    public const string TaxRulesEdit = "finance.tax-rules.edit";
    public const string TaxRulesDelete = "finance.tax-rules.delete";

    public const string TransactionsView = "finance.transactions.view";
    /// <summary>Post a staff adjustment (with a reason) to a client's balance.</summary>
    public const string TransactionsAdjust = "finance.transactions.adjust";

    /// <summary>Proformas, invoices and credit notes: a client's Invoices tab, Finance → Invoices.</summary>
    public const string InvoicesView = "finance.invoices.view";
    /// <summary>Issue a proforma that asks a client to add funds to its balance.</summary>
    public const string InvoicesAddFunds = "finance.invoices.add-funds";
    /// <summary>Record money received for a proforma (a bank transfer) through one of its company's gateways.</summary>
    public const string InvoicesRecordPayment = "finance.invoices.record-payment";
    /// <summary>Give back money of a payment: a refund row in the ledger and, once the proforma is invoiced, a numbered credit note.</summary>
    public const string InvoicesRefund = "finance.invoices.refund";

    public const string ServicesView = "services.view";
    public const string ServicesCreate = "services.create";
    /// <summary>Label and manual mode.</summary>
    public const string ServicesEdit = "services.edit";
    /// <summary>Lifecycle actions: create, suspend, unsuspend, idle, terminate, cancel.</summary>
    public const string ServicesManage = "services.manage";

    public static IReadOnlyList<string> All { get; } = typeof(Permissions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .OrderBy(p => p, StringComparer.Ordinal)
        .ToArray();

    /// <summary>The area of a permission: everything before its last dot ("staff.admins" of "staff.admins.edit").</summary>
    public static string AreaOf(string permission) => permission[..permission.LastIndexOf('.')];

    /// <summary>The action of a permission: what follows its last dot ("edit").</summary>
    public static string ActionOf(string permission) => permission[(permission.LastIndexOf('.') + 1)..];

    public static bool IsKnown(string permission) => All.Contains(permission, StringComparer.Ordinal);
}

/// <summary>
/// What a user may do within one client, given on the client's Users tab. The owner holds all of them;
/// every client-area request that names a client checks them.
/// </summary>
public static class ClientPermissions
{
    public const string ModifyProfile = "profile.modify";
    public const string ManageUsers = "users.manage";
    public const string ManageServices = "services.manage";
    public const string ManageInvoices = "invoices.manage";
    public const string ManageOrders = "orders.manage";
    public const string ViewTransactions = "transactions.view";

    public static IReadOnlyList<string> All { get; } =
        [ModifyProfile, ManageUsers, ManageServices, ManageInvoices, ManageOrders, ViewTransactions];

    public static bool IsKnown(string permission) => All.Contains(permission, StringComparer.Ordinal);

    /// <summary>The permissions of a stored list (comma-separated, as memberships and invitations keep them).</summary>
    public static string[] Parse(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Who may send a request. Every request type carries exactly one of the access attributes.</summary>
public abstract class AccessAttribute : Attribute;

/// <summary>A signed-in, active staff member holding the permission.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresPermissionAttribute(string permission) : AccessAttribute
{
    public string Permission { get; } = permission;
}

/// <summary>Any signed-in, active staff member: their own account, tokens and two-factor.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnyStaffAttribute : AccessAttribute;

/// <summary>Any signed-in, active client user: their own account in the client area.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnyClientUserAttribute : AccessAttribute;

/// <summary>
/// A signed-in client user who belongs to the client the request names (<see cref="IClientScoped"/>) and,
/// when <see cref="Permission"/> is given, holds that client permission there (owners hold all).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ClientMemberAttribute(string? permission = null) : AccessAttribute
{
    public string? Permission { get; } = permission;
}

/// <summary>
/// A client-area request that changes how the account or client is got into (its password, second factor, API tokens,
/// people, permissions, owner): refused while staff are signed in as the client ("Sign in as client"), which is for
/// looking and helping, and must not leave credentials behind that outlive the visit.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NotWhileImpersonatingAttribute : Attribute
{
    public const string Refusal = "You are signed in as the client: its password, sign-in, API tokens and people are the client's to change.";
}

/// <summary>A client-area request about one client: the authorization behaviour checks the actor belongs to it.</summary>
public interface IClientScoped
{
    Guid ClientId { get; }
}

/// <summary>Anyone: sign-in and first-run setup. The handler does its own checks.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnonymousAttribute : AccessAttribute;

/// <summary>Only the system itself (scheduled jobs and start-up).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SystemOnlyAttribute : AccessAttribute;
