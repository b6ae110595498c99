using Mapster;
using PuqCloud.Core.Domain.Clients;

namespace PuqCloud.Core.Features.Clients;

/// <summary>Client entities → their DTOs (Mapster, see <see cref="Common.CoreMapping"/>).</summary>
public sealed class ClientsMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<ClientUser, UserDetails>()
            .Map(d => d.EmailVerified, s => s.EmailVerifiedAt != null)
            .Map(d => d.PhoneVerified, s => s.PhoneVerifiedAt != null);
    }
}
