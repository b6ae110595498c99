using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

public sealed record ClientSessionDto(Guid Id, DateTime At, Guid? ClientId, string? ClientName, Guid? ClientUserId, string? Name, string? Email, string? Ip, string Url, string Channel, string Method);

/// <summary>Requests of client users, newest first, with the client each was made for.</summary>
[RequiresPermission(Permissions.ClientSessionsView)]
public sealed record ListClientSessions(PageRequest Page, LogPeriod Period) : IQuery<PagedResult<ClientSessionDto>>;

public sealed class ListClientSessionsHandler(IDbContextFactory<AppDbContext> contexts) : IRequestHandler<ListClientSessions, PagedResult<ClientSessionDto>>
{
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
        query = SessionRules.Filter(query, request.Page with { Search = null }, request.Period);
        var page = await query.ToPageAsync(request.Page, SessionRules.Sorts, e => e, cancellationToken);
        var clientIds = page.Items.Where(e => e.ClientId is not null).Select(e => e.ClientId!.Value).Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        return new PagedResult<ClientSessionDto>(page.Items.Select(e => new ClientSessionDto(e.Id, e.At, e.ClientId,
                e.ClientId is { } id && clients.TryGetValue(id, out var name) ? name : null,
                e.ClientUserId, e.Name, e.Email, e.Ip, e.Url, e.Channel, e.Method)).ToList(),
            page.Total, page.Page, page.PageSize);
    }
}
