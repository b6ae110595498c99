using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

/// <summary>A user of a client as the Users tab lists them.</summary>
public sealed record ClientMemberDto(Guid UserId, string Name, string Email, AccountStatus Status, bool TwoFactorEnabled, bool IsOwner, IReadOnlyList<string> Permissions, DateTime Since);
