using PuqCloud.Core.Features.Monitoring;

namespace PuqCloud.Web.Components.Admin.Monitoring;

/// <summary>
/// Whether an activity-log entry succeeded, as the log shows it. The audit marks a command succeeded when it did not
/// throw; the sign-in commands answer a refused sign-in as a value instead (a SignInResult that is not Succeeded), so
/// their entry says succeeded while the sign-in attempt it recorded says <c>Succeeded: false</c>. The log reads that
/// attempt: an entry whose changes add a refused sign-in attempt failed.
/// </summary>
public static class ActivityOutcome
{
    /// <summary>Commands that answer a refusal without throwing; their outcome is in the sign-in attempt they record.</summary>
    private static readonly HashSet<string> SignInActions = new(StringComparer.Ordinal)
    {
        "SignInStaff", "CompleteStaffSignIn", "SignInClientUser", "CompleteClientSignIn",
    };

    /// <summary>Whether the list must read the entry's changes before it can show its result.</summary>
    public static bool NeedsChanges(ActivityLogEntryDto entry) => entry.Succeeded && entry.ChangeCount > 0 && SignInActions.Contains(entry.Action);

    public static bool Succeeded(ActivityLogEntryDto entry, IReadOnlyList<EntityChangeDto>? changes) =>
        entry.Succeeded && (changes is null || !changes.Any(IsRefusedSignInAttempt));

    private static bool IsRefusedSignInAttempt(EntityChangeDto change) =>
        change.Entity == "SignInAttempt" &&
        change.Fields.Any(f => f.Field == "Succeeded" && string.Equals(f.After, "false", StringComparison.OrdinalIgnoreCase));
}
