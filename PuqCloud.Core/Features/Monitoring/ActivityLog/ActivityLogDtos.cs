using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

public sealed record ActivityLogEntryDto(Guid Id, DateTime At, ActorKind ActorKind, Guid? ActorId, string? ActorName, string Action, string ActionText,
    bool Succeeded, string? Error, string? Ip, string Channel, int ChangeCount);
