using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PuqCloud.Core.Common;
using PuqCloud.Core.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Jobs;
using PuqCloud.Core.Live;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Automation;

[RequiresPermission(Permissions.SchedulesEdit)]
public sealed record UpdateSchedule(string Key, string Cron, bool Enabled) : ICommand<ScheduleDto>;

public sealed class UpdateScheduleValidator : AbstractValidator<UpdateSchedule>
{
    public UpdateScheduleValidator(TimeProvider clock)
    {
        RuleFor(x => x.Cron).Custom((cron, context) =>
        {
            if (CronSchedule.ToQuartz(cron, out var error) is null) context.AddFailure(nameof(UpdateSchedule.Cron), error ?? "Not a valid cron expression.");
            // Switching off must work whatever the stored expression (one an older version took, say).
            else if (context.InstanceToValidate.Enabled && CronSchedule.NextRun(cron, clock.GetUtcNow().UtcDateTime) is null)
                context.AddFailure(nameof(UpdateSchedule.Cron), "This expression never fires: no date matches it (such as 30 February or a year gone by).");
        });
        RuleFor(x => x.Cron).MaximumLength(120);
    }
}

public sealed class UpdateScheduleHandler(IDbContextFactory<AppDbContext> contexts, ScheduleRegistry registry, ScheduleSynchronizer synchronizer, TimeProvider clock, ILiveEvents live, ILogger<UpdateScheduleHandler> logger) : IRequestHandler<UpdateSchedule, ScheduleDto>
{
    public Task<ScheduleDto> Handle(UpdateSchedule request, CancellationToken cancellationToken) =>
        ScheduleRules.ChangeAsync(registry, clock, contexts, synchronizer, live, logger, request.Key, (_, record) =>
        {
            record.Cron = request.Cron.Trim();
            record.Enabled = request.Enabled;
        }, cancellationToken);
}
