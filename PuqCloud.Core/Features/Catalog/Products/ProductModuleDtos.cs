using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>
/// The Module tab: the product's module (or the one asked for) and its product settings form with the saved
/// values. Secrets only say whether they are set. <see cref="IsActive"/> is false when the module was switched off since.
/// </summary>
public sealed record ProductModuleSettingsDto(Guid ProductId, string? SavedModuleKey, string? ModuleKey, string? ModuleName, bool IsActive,
    IReadOnlyList<ModuleSettingDto> Fields);
