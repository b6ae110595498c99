using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Staff;

/// <summary>A member of staff who signs in to the console at /admin.</summary>
public class StaffAccount : Account
{
    /// <summary>A super admin holds every permission. Groups with chosen permissions come with the people issue.</summary>
    public bool IsSuperAdmin { get; set; }

    /// <summary>Addresses this admin may sign in and call the API from: exact IPs and CIDR ranges, one per line; empty = anywhere.</summary>
    public string? AllowedIps { get; set; }

    public List<StaffGroupMembership> Groups { get; set; } = [];

    /// <summary>
    /// Moves with every edit of the fields staff set on the edit page: a form saved from an older revision is refused, so it
    /// cannot undo a colleague's change (a disabled admin enabled again, a removed group given back).
    /// </summary>
    public int Revision { get; set; }
}
