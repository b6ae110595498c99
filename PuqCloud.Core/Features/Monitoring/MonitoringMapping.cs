using Mapster;
using PuqCloud.Core.Domain.Monitoring;

namespace PuqCloud.Core.Features.Monitoring;

/// <summary>Monitoring records → their DTOs (Mapster, see <see cref="Common.CoreMapping"/>).</summary>
public sealed class MonitoringMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<RequestLogEntry, AdminSessionDto>();
    }
}
