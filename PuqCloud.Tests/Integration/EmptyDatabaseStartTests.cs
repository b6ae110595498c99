using Microsoft.EntityFrameworkCore;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>
/// The other tests' apps start on a copy of a migrated, seeded database (<see cref="DatabaseTemplates"/>); a real
/// installation starts on an empty one: the app migrates it, seeds the reference data and creates the first admin itself.
/// </summary>
public sealed class EmptyDatabaseStartTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task The_app_migrates_and_seeds_an_empty_database_at_start(TestDatabase database)
    {
        await using var app = await PuqAppFactory.StartAsync(database, emptyDatabase: true);

        await using (var db = app.CreateDbContext())
        {
            (await db.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            (await db.Countries.CountAsync()).Should().BeGreaterThan(200);
            (await db.Regions.AnyAsync(r => r.Code == "PL-22")).Should().BeTrue();
            (await db.Currencies.SingleAsync()).Code.Should().Be("USD");
        }
        using var api = await app.SuperAdminClientAsync();
        (await api.GetAsync("/api/admin/v1/currencies")).EnsureSuccessStatusCode();
    }
}
