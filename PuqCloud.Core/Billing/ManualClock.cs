using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PuqCloud.Core.Billing;

/// <summary>
/// The time billing reads: charges, ledger rows, the service lifecycle and its schedules. It is the host's
/// <see cref="TimeProvider"/>, or with `Clock:Mode=Manual` a <see cref="ManualClock"/> that only the
/// clock-advance request moves; sign-in, cookies and task timing always keep real time.
/// </summary>
public sealed class BillingClock(TimeProvider time)
{
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>The test clock, when configured.</summary>
    public ManualClock? Manual => time as ManualClock;
}

/// <summary>
/// The test clock (`Clock:Mode=Manual`): a <see cref="TimeProvider"/> that stands still until it is advanced, so
/// tests and demos run days of billing in seconds. It starts at `Clock:Start` (ISO 8601, UTC) or at the real
/// time, to the whole hour. Timers still run on real time, so task timeouts and backoffs behave as usual.
/// Refused in Production (the host checks <see cref="IsManual"/> at start).
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public static bool IsManual(IConfiguration configuration) => string.Equals(configuration["Clock:Mode"], "Manual", StringComparison.OrdinalIgnoreCase);

    public static ManualClock FromConfiguration(IConfiguration configuration)
    {
        var start = DateTimeOffset.TryParse(configuration["Clock:Start"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out var configured) ? configured.ToUniversalTime() : DateTimeOffset.UtcNow;
        return new ManualClock(new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, 0, 0, TimeSpan.Zero));
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        Interlocked.Add(ref _ticks, by.Ticks);
    }
}
