using MediatR;
using PuqCloud.Core.Common;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Settings;

[RequiresPermission(Permissions.GeneralSettingsView)]
public sealed record GetGeneralSettings : IQuery<GeneralSettings>;

public sealed class GetGeneralSettingsHandler(IGeneralSettingsStore store) : IRequestHandler<GetGeneralSettings, GeneralSettings>
{
    public Task<GeneralSettings> Handle(GetGeneralSettings request, CancellationToken cancellationToken) => store.LoadAsync(cancellationToken);
}
