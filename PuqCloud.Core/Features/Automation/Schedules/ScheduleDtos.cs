using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Features.Platform;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

/// <summary>A card of Automation → Scheduler. The next run is shown only while the schedule is on; the last error only after a failed run.</summary>
public sealed record ScheduleDto(string Key, string Tab, string Title, string Description, string Cron, string DefaultCron, bool Enabled,
    DateTime? LastRunAt, string? LastOutcome, DateTime? NextRunAt, string? LastError = null);
