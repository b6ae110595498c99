using Mapster;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Monitoring;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Monitoring;

public sealed record AdminSessionDto(Guid Id, DateTime At, Guid? StaffId, string? Name, string? Email, string? Ip, string Url, string Channel, string Method);

/// <summary>Requests of staff members, newest first; <paramref name="HideMe"/> leaves out the asking admin's own.</summary>
[RequiresPermission(Permissions.AdminSessionsView)]
public sealed record ListAdminSessions(PageRequest Page, LogPeriod Period, bool HideMe = false) : IQuery<PagedResult<AdminSessionDto>>;

public sealed class ListAdminSessionsHandler(IDbContextFactory<AppDbContext> contexts, TypeAdapterConfig mapping, ActorContext actors) : IRequestHandler<ListAdminSessions, PagedResult<AdminSessionDto>>
{
    public async Task<PagedResult<AdminSessionDto>> Handle(ListAdminSessions request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = SessionRules.Filter(db.RequestLog.AsNoTracking().Where(e => e.ActorKind == ActorKind.Staff), request.Page, request.Period);
        if (request.HideMe && actors.Current.StaffId is { } me)
            query = query.Where(e => e.StaffId != me);
        return await query.ToPageAsync<RequestLogEntry, AdminSessionDto>(request.Page, SessionRules.Sorts, mapping, cancellationToken);
    }
}
