using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>A product's own fields (the General and Images tabs).</summary>
public sealed record ProductDto(Guid Id, string Key, IReadOnlyDictionary<string, string> Name, IReadOnlyDictionary<string, string> Description,
    bool IsVisible, bool IsActive, bool IsHidden, bool IsRetired, bool StockControl, int StockQuantity, bool HourlyBilling, bool AllowIdle,
    int TerminationDelayHours, int CancellationDelayHours,
    bool NotifyWelcome, bool NotifySuspension, bool NotifyUnsuspension, bool NotifyTermination, bool NotifyCancellation,
    bool ConvertPrice, string? IconPath, string? BackgroundPath, string? ModuleKey, int ServiceCount, DateTime CreatedAt, DateTime UpdatedAt);
