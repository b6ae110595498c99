using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Catalog;
using PuqCloud.Core.Files;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Catalog;

/// <summary>
/// The client-area views a product group can use to list its products, take an order and manage a service.
/// The client area renders them; the console only chooses.
/// </summary>
public static class ClientAreaViews
{
    public static IReadOnlyList<string> List { get; } = ["cards", "table"];
    public static IReadOnlyList<string> Order { get; } = ["single-page", "step-by-step"];
    public static IReadOnlyList<string> Manage { get; } = ["standard", "compact"];
}
