using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>A period of a log list: from (inclusive) and to (exclusive), UTC instants; either may be open.</summary>
public sealed record LogPeriod(DateTime? From = null, DateTime? To = null)
{
    public static LogPeriod All { get; } = new();

    public DateTime? FromUtc => Utc(From);
    public DateTime? ToUtc => Utc(To);

    // Unspecified instants (query strings, date pickers) are taken as UTC, the product's time everywhere.
    private static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Local } v => v.ToUniversalTime(),
        { Kind: DateTimeKind.Unspecified } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
        var v => v,
    };
}
