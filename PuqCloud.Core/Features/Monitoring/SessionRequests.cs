using MediatR;
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

public sealed record AdminSessionDto(Guid Id, DateTime At, Guid? StaffId, string? Name, string? Email, string? Ip, string Url, string Channel, string Method);

public sealed record ClientSessionDto(Guid Id, DateTime At, Guid? ClientId, string? ClientName, Guid? ClientUserId, string? Name, string? Email, string? Ip, string Url, string Channel, string Method);

/// <summary>Requests of staff members, newest first; <paramref name="HideMe"/> leaves out the asking admin's own.</summary>
[RequiresPermission(Permissions.AdminSessionsView)]
public sealed record ListAdminSessions(PageRequest Page, LogPeriod Period, bool HideMe = false) : IQuery<PagedResult<AdminSessionDto>>;

/// <summary>Requests of client users, newest first, with the client each was made for.</summary>
[RequiresPermission(Permissions.ClientSessionsView)]
public sealed record ListClientSessions(PageRequest Page, LogPeriod Period) : IQuery<PagedResult<ClientSessionDto>>;

public sealed class SessionHandlers(IDbContextFactory<AppDbContext> contexts, ActorContext actors) :
    IRequestHandler<ListAdminSessions, PagedResult<AdminSessionDto>>,
    IRequestHandler<ListClientSessions, PagedResult<ClientSessionDto>>
{
    private static readonly SortMap<RequestLogEntry> Sorts = new SortMap<RequestLogEntry>("-at")
        .Add("at", e => e.At)
        .Add("name", e => e.Name)
        .Add("email", e => e.Email)
        .Add("ip", e => e.Ip)
        .Add("url", e => e.Url)
        .Add("channel", e => e.Channel)
        .Add("method", e => e.Method);

    public async Task<PagedResult<AdminSessionDto>> Handle(ListAdminSessions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = Filter(db.RequestLog.AsNoTracking().Where(e => e.ActorKind == ActorKind.Staff), request.Page, request.Period);
        if (request.HideMe && actors.Current.StaffId is { } me)
            query = query.Where(e => e.StaffId != me);
        return await query.ToPageAsync(request.Page, Sorts,
            e => new AdminSessionDto(e.Id, e.At, e.StaffId, e.Name, e.Email, e.Ip, e.Url, e.Channel, e.Method), cancellationToken);
    }

    public async Task<PagedResult<ClientSessionDto>> Handle(ListClientSessions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.RequestLog.AsNoTracking().Where(e => e.ActorKind == ActorKind.ClientUser);
        if (request.Page.SearchText is { } search)
        {
            // The client's name is searched as well as the request's own fields.
            var pattern = PagingExtensions.LikePattern(search);
            query = query.Where(e =>
                EF.Functions.Like((e.Name ?? "").ToLower(), pattern, "\\") || EF.Functions.Like((e.Email ?? "").ToLower(), pattern, "\\") ||
                EF.Functions.Like((e.Ip ?? "").ToLower(), pattern, "\\") || EF.Functions.Like(e.Url.ToLower(), pattern, "\\") ||
                db.Clients.Any(c => c.Id == e.ClientId &&
                    (EF.Functions.Like((c.CompanyName ?? "").ToLower(), pattern, "\\") || EF.Functions.Like((c.FirstName + " " + c.LastName).ToLower(), pattern, "\\"))));
        }
        query = Filter(query, request.Page with { Search = null }, request.Period);
        var page = await query.ToPageAsync(request.Page, Sorts, e => e, cancellationToken);
        var clientIds = page.Items.Where(e => e.ClientId is not null).Select(e => e.ClientId!.Value).Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        return new PagedResult<ClientSessionDto>(page.Items.Select(e => new ClientSessionDto(e.Id, e.At, e.ClientId,
                e.ClientId is { } id && clients.TryGetValue(id, out var name) ? name : null,
                e.ClientUserId, e.Name, e.Email, e.Ip, e.Url, e.Channel, e.Method)).ToList(),
            page.Total, page.Page, page.PageSize);
    }

    private static IQueryable<RequestLogEntry> Filter(IQueryable<RequestLogEntry> query, PageRequest page, LogPeriod period)
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
