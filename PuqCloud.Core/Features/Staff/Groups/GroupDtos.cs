using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

public sealed record GroupMember(Guid Id, string Name, string Email);

public sealed record GroupDetails(Guid Id, string Name, AdminGroupType Type, string? Description, IReadOnlyList<string> Permissions,
    IReadOnlyList<GroupMember> Members, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>What an edit sends back as <see cref="UpdateGroup.Revision"/>: the version of the group this was read at.</summary>
    public int Revision { get; init; }
}
