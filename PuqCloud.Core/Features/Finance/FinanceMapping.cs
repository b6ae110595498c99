using Mapster;
using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Core.Features.Finance;

/// <summary>Finance entities → their DTOs (Mapster, see <see cref="Common.CoreMapping"/>).</summary>
public sealed class FinanceMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<HomeCompany, HomeCompanyOption>();
    }
}
