using PuqCloud.Core.Domain.Finance;

namespace PuqCloud.Core.Features.Finance;

/// <summary>
/// A ledger row as Finance → Transactions and a client's Transactions tab show it: client, type, gross/net/fees,
/// the balance after, the description, the period a charge pays for, and the service it is for.
/// </summary>
public sealed record TransactionDto(
    Guid Id,
    Guid ClientId,
    string ClientName,
    long Sequence,
    LedgerEntryType Type,
    ChargeKind? ChargeKind,
    string CurrencyCode,
    decimal Amount,
    decimal Gross,
    decimal Net,
    decimal Fees,
    decimal BalanceBefore,
    decimal BalanceAfter,
    string AmountText,
    string BalanceAfterText,
    string Description,
    Guid? ServiceId,
    DateTime? PeriodStart,
    DateTime? PeriodEnd,
    decimal? Rate,
    string? Reason,
    DateTime CreatedAt);
