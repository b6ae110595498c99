using System.Data.Common;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Staff;

/// <summary>A group as an administrator's row names it.</summary>
public sealed record GroupRef(Guid Id, string Name);

/// <summary>One administrator as the edit page shows it. <see cref="AllowedIps"/> has one entry per line.</summary>
public sealed record AdminDetails(Guid Id, string Email, string FirstName, string LastName, string Name, string Language, AccountStatus Status,
    bool IsSuperAdmin, bool TwoFactorEnabled, DateTime? LastSignInAt, DateTime CreatedAt, string? AllowedIps, IReadOnlyList<GroupRef> Groups)
{
    /// <summary>What an edit sends back as <see cref="UpdateAdmin.Revision"/>: the version of the record this was read at.</summary>
    public int Revision { get; init; }
}
