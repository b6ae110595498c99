using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Dashboard;

/// <summary>The signed-in staff member's dashboard layout (the default one until they change it).</summary>
[RequiresPermission(Permissions.DashboardView)]
public sealed record GetMyDashboardLayout : IQuery<DashboardLayoutDto>;

public sealed class GetMyDashboardLayoutHandler(IDbContextFactory<AppDbContext> contexts, ActorContext actors, PermissionGrants grants) : IRequestHandler<GetMyDashboardLayout, DashboardLayoutDto>
{
    internal static IReadOnlyList<WidgetPlacement>? Read(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            return JsonSerializer.Deserialize<List<WidgetPlacement>>(json, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async Task<DashboardLayoutDto> Handle(GetMyDashboardLayout request, CancellationToken cancellationToken)
    {
        var staffId = actors.Current.StaffId ?? throw new NotAuthenticatedException();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.DashboardLayouts.AsNoTracking().Where(l => l.StaffAccountId == staffId).Select(l => l.LayoutJson).FirstOrDefaultAsync(cancellationToken);
        return DashboardRules.Without(DashboardRules.Normalize(Read(json)), await DashboardRules.HiddenAsync(grants, cancellationToken));
    }
}
