using Mapster;
using PuqCloud.Core.Domain.Staff;

namespace PuqCloud.Core.Features.Staff;

/// <summary>Staff entities → their DTOs (Mapster, see <see cref="Common.CoreMapping"/>).</summary>
public sealed class StaffMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<AdminGroup, GroupRef>();
    }
}
