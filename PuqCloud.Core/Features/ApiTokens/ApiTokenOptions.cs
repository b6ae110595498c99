using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Domain.Staff;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.ApiTokens;

public sealed class ApiTokenOptions
{
    /// <summary>Lifetime of a token issued to e-mail and password at POST /api/admin/v1/auth/token.</summary>
    public TimeSpan SignInTokenLifetime { get; set; } = TimeSpan.FromHours(12);
    public int MaxLifetimeDays { get; set; } = 365;
}
