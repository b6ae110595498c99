using System.Reflection;

namespace PuqCloud.Core.Security;

/// <summary>
/// The catalog of staff permissions. Each request declares the one it needs; a super admin holds all.
/// Later issues add their areas here.
/// </summary>
public static class Permissions
{
    /// <summary>See the dashboard and the system status on it.</summary>
    public const string DashboardView = "dashboard.view";

    public static IReadOnlyList<string> All { get; } = typeof(Permissions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .OrderBy(p => p, StringComparer.Ordinal)
        .ToArray();
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

/// <summary>Anyone: sign-in and first-run setup. The handler does its own checks.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AnonymousAttribute : AccessAttribute;

/// <summary>Only the system itself (scheduled jobs and start-up).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SystemOnlyAttribute : AccessAttribute;
