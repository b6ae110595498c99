using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Clients;
using PuqCloud.Core.Domain.Common;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Clients;

public sealed record UserDetails(Guid Id, string Email, string FirstName, string LastName, string? Phone, string Language, AccountStatus Status, bool TwoFactorEnabled,
    bool EmailVerified, bool PhoneVerified, string? AdminNotes, DateTime CreatedAt, DateTime? LastSignInAt);
