namespace PuqCloud.Core.Features.Automation;

/// <summary>The billing clock: real time, or the test clock (`Clock:Mode=Manual`) and where it stands.</summary>
public sealed record ClockState(bool IsManual, DateTime Now);

/// <summary>What moving the test clock ran: each schedule run in order, at the clock time it was due.</summary>
public sealed record ClockAdvanceResult(DateTime From, DateTime Now, IReadOnlyList<ClockScheduleRun> Runs);

public sealed record ClockScheduleRun(DateTime At, string Key, string Outcome, string? Error);
