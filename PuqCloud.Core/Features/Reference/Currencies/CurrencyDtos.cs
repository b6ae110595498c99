using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Reference;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Reference;

public sealed record CurrencyDto(Guid Id, string Code, string? Prefix, string? Suffix, decimal ExchangeRate, CurrencyFormat Format, bool IsDefault, int ClientCount, string Example, int Decimals);
