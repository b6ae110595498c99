using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Modules;

public sealed record ModuleDto(string Key, string Name, ModuleKind Kind, string? Description, string? Icon, string Version, string? InstalledVersion,
    ModuleState State, DateTime? ActivatedAt, bool HasSettings);

/// <summary>A settings field with its saved value; a secret never carries its value, only whether one is set.</summary>
public sealed record ModuleSettingDto(string Key, string Label, ModuleSettingType Type, bool Required, string? DefaultValue, string? Description,
    IReadOnlyList<string> Options, string? Value, bool IsSet);

public sealed record ModuleSettingsDto(ModuleDto Module, IReadOnlyList<ModuleSettingDto> Fields);
