using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>Steps that several Session use cases share.</summary>
internal static class SessionRules
{
    internal static readonly SortMap<RequestLogEntry> Sorts = new SortMap<RequestLogEntry>("-at")
        .Add("at", e => e.At)
        .Add("name", e => e.Name)
        .Add("email", e => e.Email)
        .Add("ip", e => e.Ip)
        .Add("url", e => e.Url)
        .Add("channel", e => e.Channel)
        .Add("method", e => e.Method);

    internal static IQueryable<RequestLogEntry> Filter(IQueryable<RequestLogEntry> query, PageRequest page, LogPeriod period)
    {
        if (period.FromUtc is { } from) query = query.Where(e => e.At >= from);
        if (period.ToUtc is { } to) query = query.Where(e => e.At < to);
        if (page.SearchText is { } search)
        {
            var pattern = PagingExtensions.LikePattern(search);
            query = query.Where(e =>
                EF.Functions.Like((e.Name ?? "").ToLower(), pattern, "\\") || EF.Functions.Like((e.Email ?? "").ToLower(), pattern, "\\") ||
                EF.Functions.Like((e.Ip ?? "").ToLower(), pattern, "\\") || EF.Functions.Like(e.Url.ToLower(), pattern, "\\"));
        }
        return query;
    }
}
