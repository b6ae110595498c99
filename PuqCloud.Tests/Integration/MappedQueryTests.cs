using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Features.Finance;
using PuqCloud.Core.Features.Monitoring;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Features.Staff;
using PuqCloud.Tests.Support;

namespace PuqCloud.Tests.Integration;

/// <summary>The queries that project with Mapster (ProjectToType) translate to SQL on each database and fill every member.</summary>
public abstract class MappedQueryTests(PuqAppFactory app)
{
    [Fact]
    public async Task Reference_choices_and_regions_are_projected_by_the_database()
    {
        var countries = await app.SendAnonymousAsync(new ListCountryOptions());
        var regions = await app.SendAnonymousAsync(new ListRegionOptions("pl"));
        var currencies = await app.SendAnonymousAsync(new ListCurrencyOptions());
        var poland = await app.SendAsSystemAsync(new GetCountry("PL"));

        countries.Should().Contain(new CountryOption("PL", poland.Name));
        regions.Should().Contain(r => r.Code == "PL-14" && r.Name.Length > 0 && r.Type.Length > 0);
        currencies.First().Should().Match<CurrencyOption>(c => c.IsDefault && c.Code == "USD" && c.Decimals == 2 && c.Id != Guid.Empty);
        poland.Regions.Select(r => (r.Code, r.Name, r.Type)).Should().BeEquivalentTo(regions.Select(r => (r.Code, r.Name, r.Type)));
    }

    [Fact]
    public async Task Staff_finance_and_monitoring_lists_are_projected_by_the_database()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var group = await app.SendAsSystemAsync(new CreateGroup($"Mapped {suffix}", AdminGroupType.Staff, null));
        var company = await app.SendAsSystemAsync(new CreateHomeCompany($"Mapped {suffix} Ltd"));

        var groups = await app.SendAsSystemAsync(new ListAdminGroupChoices());
        var companies = await app.SendAsSystemAsync(new ListHomeCompanyOptions());
        var sessions = await app.SendAsSystemAsync(new ListAdminSessions(new PageRequest(PageSize: 5), LogPeriod.All));

        groups.Should().Contain(new GroupRef(group.Id, group.Name));
        companies.Should().ContainSingle(c => c.Id == company.Id).Which.Name.Should().Be(company.Name);
        sessions.Items.Should().NotContain(s => s.Id == Guid.Empty || s.Url.Length == 0);
    }

    [Fact]
    public async Task A_client_user_maps_to_its_details()
    {
        var user = await app.AddClientUserAsync($"mapped-{Guid.NewGuid():N}@example.com", "Secret-pass-123", "Mia", "Mapper");

        var details = await app.SendAsSystemAsync(new GetUser(user.Id));

        details.Should().BeEquivalentTo(new { user.Id, user.Email, FirstName = "Mia", LastName = "Mapper", EmailVerified = user.EmailVerifiedAt != null, user.Status });
    }
}

public sealed class SqliteMappedQueryTests(SqliteAppFixture fixture) : MappedQueryTests(fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresMappedQueryTests(PostgresAppFixture fixture) : MappedQueryTests(fixture.App), IClassFixture<PostgresAppFixture>;
