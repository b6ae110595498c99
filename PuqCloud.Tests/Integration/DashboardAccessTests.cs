using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Features.Dashboard;
using PuqCloud.Core.Security;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The dashboard shows each person only what their permissions open elsewhere: a support group with dashboard.view saw the
/// month's revenue per currency and the e-mail addresses of the admins online.
/// </summary>
public sealed class DashboardAccessTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private readonly PuqAppFactory _app = fixture.App;

    [Fact]
    public async Task Finance_widgets_and_colleagues_addresses_need_the_permissions_of_their_pages()
    {
        var (support, _) = await _app.AddStaffWithAsync(Permissions.DashboardView, Permissions.ClientsView);
        var (manager, _) = await _app.AddStaffWithAsync(Permissions.DashboardView, Permissions.TransactionsView, Permissions.InvoicesView, Permissions.AdminsView);
        (await (await _app.SuperAdminClientAsync()).GetAsync("/api/admin/v1/me")).EnsureSuccessStatusCode();

        var supportLayout = await _app.SendAsStaffAsync(support, new GetMyDashboardLayout());
        supportLayout.Widgets.Select(w => w.Key).Should().NotContain([DashboardWidgets.Billing, DashboardWidgets.MoneyIn]).And.Contain(DashboardWidgets.System);
        await _app.Invoking(a => a.SendAsStaffAsync(support, new GetMoneyInOverview())).Should().ThrowAsync<AccessDeniedException>();
        await _app.Invoking(a => a.SendAsStaffAsync(support, new GetBillingOverview())).Should().ThrowAsync<AccessDeniedException>();
        // Saving the layout it was shown keeps the widgets it cannot see out of its answer, and where and as they were.
        // (Money in was first and switched off when this person could still see it.)
        await using (var db = _app.CreateDbContext())
        {
            db.DashboardLayouts.Add(new Core.Domain.Engine.DashboardLayout
            {
                StaffAccountId = support, UpdatedAt = DateTime.UtcNow,
                LayoutJson = System.Text.Json.JsonSerializer.Serialize<List<WidgetPlacement>>([new(DashboardWidgets.MoneyIn, false), .. supportLayout.Widgets],
                    System.Text.Json.JsonSerializerOptions.Web),
            });
            await db.SaveChangesAsync();
        }
        var reversed = supportLayout.Widgets.Reverse().ToList();
        (await _app.SendAsStaffAsync(support, new SaveMyDashboardLayout(reversed))).Widgets.Should().Equal(reversed);
        await using (var db = _app.CreateDbContext())
        {
            var stored = GetMyDashboardLayoutHandler.Read((await db.DashboardLayouts.SingleAsync(l => l.StaffAccountId == support)).LayoutJson)!;
            stored[0].Should().Be(new WidgetPlacement(DashboardWidgets.MoneyIn, false), "a widget one cannot see keeps its place and switch");
        }

        (await _app.SendAsStaffAsync(manager, new GetMyDashboardLayout())).Widgets.Select(w => w.Key).Should().Contain([DashboardWidgets.Billing, DashboardWidgets.MoneyIn]);
        await _app.SendAsStaffAsync(manager, new GetMoneyInOverview());

        var deadline = DateTime.UtcNow.AddSeconds(20);
        DashboardSummary seenBySupport;
        while ((seenBySupport = await _app.SendAsStaffAsync(support, new GetDashboardSummary())).StaffOnline.Count == 0)
        {
            DateTime.UtcNow.Should().BeBefore(deadline, "the super admin's request is in the request log soon");
            await Task.Delay(200);
        }
        seenBySupport.StaffOnline.Should().OnlyContain(s => s.Email == null && s.Name != null);
        (await _app.SendAsStaffAsync(manager, new GetDashboardSummary())).StaffOnline.Should().Contain(s => s.Email == PuqAppFactory.AdminEmail.ToLowerInvariant());
    }
}
