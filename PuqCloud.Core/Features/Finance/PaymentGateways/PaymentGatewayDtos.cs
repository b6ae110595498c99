using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Finance;
using PuqCloud.Core.Modules;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;
using PuqCloud.Modules.Abstractions;

namespace PuqCloud.Core.Features.Finance;

/// <summary>A gateway of a home company; ModuleActive is false when its module was switched off since.</summary>
public sealed record PaymentGatewayDto(Guid Id, string Key, string ModuleKey, string ModuleName, bool ModuleActive);
