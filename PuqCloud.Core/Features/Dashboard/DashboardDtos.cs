using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Engine;
using PuqCloud.Core.Engine.Scheduling;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Dashboard;

/// <summary>One widget's place on a dashboard: the list's order is the order on the page.</summary>
public sealed record WidgetPlacement(string Key, bool Visible);

public sealed record DashboardLayoutDto(IReadOnlyList<WidgetPlacement> Widgets);
