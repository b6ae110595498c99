using PuqCloud.Core.Domain.Common;

namespace PuqCloud.Core.Domain.Staff;

public enum AdminGroupType
{
    /// <summary>A role of staff: a set of permissions given to its members ("Groups" in the guide).</summary>
    Staff,
    /// <summary>A set of staff who receive the same notifications (used by the notifications issue).</summary>
    Notification,
}

/// <summary>A named set of staff permissions; a staff member holds the union of their groups' permissions.</summary>
public class AdminGroup : Entity, IHasAuditTimes
{
    public string Name { get; set; } = "";
    public AdminGroupType Type { get; set; } = AdminGroupType.Staff;
    public string? Description { get; set; }
    public List<AdminGroupPermission> Permissions { get; set; } = [];
    public List<StaffGroupMembership> Members { get; set; } = [];
    /// <summary>Moves with every edit: a form saved from an older revision is refused (a removed permission stays removed).</summary>
    public int Revision { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public class AdminGroupPermission
{
    public Guid GroupId { get; set; }
    public string Permission { get; set; } = "";
}

public class StaffGroupMembership
{
    public Guid StaffAccountId { get; set; }
    public Guid GroupId { get; set; }
    public AdminGroup? Group { get; set; }
}
