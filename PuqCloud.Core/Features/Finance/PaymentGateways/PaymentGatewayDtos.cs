using PuqCloud.Core.Features.Modules;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// A gateway of a home company with its module's settings form (secrets only say whether they are set); ModuleActive is
/// false when its module was switched off since. <see cref="DisplayName"/> is what payers see: the name, else the module's.
/// </summary>
public sealed record PaymentGatewayDto(Guid Id, string Key, string ModuleKey, string ModuleName, bool ModuleActive, string Name, string DisplayName,
    bool IsEnabled, int Position, IReadOnlyList<string> Currencies, IReadOnlyList<ModuleSettingDto> Settings);
