using Mapster;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Features.Clients;
using PuqCloud.Core.Features.Reference;

namespace PuqCloud.Tests.Unit;

/// <summary>The Mapster configuration of Core (CoreMapping + every area's IRegister).</summary>
public sealed class MappingTests
{
    /// <summary>Every registered mapping compiles, as a function and as an EF projection: a DTO member without a source fails here.</summary>
    [Fact]
    public void Every_registered_mapping_compiles()
    {
        var config = CoreMapping.Create();

        config.RuleMap.Should().NotBeEmpty();
        config.Invoking(c => c.Compile()).Should().NotThrow();
        config.Invoking(c => c.CompileProjection()).Should().NotThrow();
    }

    [Fact]
    public void Each_area_registers_its_mappings_in_one_place()
    {
        var registers = typeof(CoreMapping).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRegister).IsAssignableFrom(t))
            .ToList();

        registers.Should().NotBeEmpty();
        registers.Should().OnlyContain(t => t.Name.EndsWith("Mapping") && t.Namespace!.StartsWith("PuqCloud.Core.Features."));
        registers.GroupBy(t => t.Namespace).Should().OnlyContain(g => g.Count() == 1, "an area has one mapping configuration");
    }

    [Fact]
    public void Mappings_fill_records_through_their_constructor_and_the_configured_members()
    {
        var config = CoreMapping.Create();
        var user = new ClientUser
        {
            Email = "ann@example.com", FirstName = "Ann", LastName = "Lee", Language = "en",
            EmailVerifiedAt = DateTime.UtcNow, PhoneVerifiedAt = null,
        };

        var details = user.Adapt<UserDetails>(config);
        var currency = new Currency { Code = "EUR", IsDefault = true, Decimals = 2 }.Adapt<CurrencyOption>(config);

        details.Should().BeEquivalentTo(new { user.Id, Email = "ann@example.com", FirstName = "Ann", LastName = "Lee", EmailVerified = true, PhoneVerified = false });
        currency.Should().Be(new CurrencyOption(currency.Id, "EUR", true, 2));
    }

    [Fact]
    public void Mapping_an_unregistered_pair_is_refused()
    {
        var config = CoreMapping.Create();

        config.Invoking(c => new Currency { Code = "EUR" }.Adapt<CountryOption>(c)).Should().Throw<Exception>();
    }
}
