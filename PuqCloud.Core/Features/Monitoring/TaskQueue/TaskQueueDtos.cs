using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

public sealed record TaskDto(Guid Id, string Name, string Queue, QueuedTaskStatus Status, int Tries, int MaxTries, IReadOnlyList<string> Tags,
    DateTime CreatedAt, DateTime AvailableAt, DateTime? StartedAt, DateTime? FinishedAt, string? Error);
