using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

public sealed record ProductGroupItemDto(Guid ProductId, string Key, string Name, bool IsVisible, bool IsActive, int Position);

public sealed record ProductGroupDetails(Guid Id, string Key, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Description,
    bool IsVisible, int Position, string? IconPath, string? BackgroundPath, string ListView, string OrderView, string ManageView,
    IReadOnlyList<ProductGroupItemDto> Products);
