using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>An attribute of a group; <see cref="ProductCount"/> is how many products carry it (deleting it takes it off them).</summary>
public sealed record AttributeDto(Guid Id, Guid GroupId, string Key, IReadOnlyDictionary<string, string> Name, bool IsVisible, int ProductCount);

public sealed record AttributeGroupDetails(Guid Id, string Key, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Description,
    bool IsVisible, string? IconPath, string? BackgroundPath, IReadOnlyList<AttributeDto> Attributes);
