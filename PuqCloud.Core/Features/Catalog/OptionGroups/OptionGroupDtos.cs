using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>One option of a group with its price rows (ordered by currency, then period).</summary>
public sealed record OptionDto(Guid Id, Guid GroupId, string Key, IReadOnlyDictionary<string, string> Name, int Position, IReadOnlyList<PriceDto> Prices);

/// <summary>An option group with its options in their order; <see cref="ProductCount"/> is how many products offer it.</summary>
public sealed record OptionGroupDetails(Guid Id, string Key, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Description,
    int Position, string? IconPath, string? BackgroundPath, int ProductCount, IReadOnlyList<OptionDto> Options);
