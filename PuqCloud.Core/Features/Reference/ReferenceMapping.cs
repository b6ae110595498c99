using Mapster;
using PuqCloud.Core.Domain.Reference;

namespace PuqCloud.Core.Features.Reference;

/// <summary>Reference data → its DTOs (Mapster, see <see cref="Common.CoreMapping"/>).</summary>
public sealed class ReferenceMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<Country, CountryOption>();
        config.NewConfig<Region, RegionOption>();
        config.NewConfig<Region, RegionDto>();
        // A country's page lists its regions by name.
        config.NewConfig<Country, CountryDetailDto>()
            .Map(d => d.Regions, s => s.Regions.OrderBy(r => r.Name).ThenBy(r => r.Code));
        config.NewConfig<Currency, CurrencyOption>();
    }
}
