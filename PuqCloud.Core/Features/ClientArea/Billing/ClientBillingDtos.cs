namespace PuqCloud.Core.Features.ClientArea;

/// <summary>
/// The client area's home: the balance and credit, how many services are in which state, what the active services cost
/// per hour, day and month at their current rates, a suggested top-up, and the alerts (low balance, suspended services,
/// unpaid proformas). Every figure is in the client's currency; the texts are in its style.
/// </summary>
public sealed record MyDashboard(
    Guid ClientId,
    string CurrencyCode,
    int CurrencyDecimals,
    decimal Balance,
    decimal CreditLimit,
    decimal Available,
    string BalanceText,
    string CreditLimitText,
    string AvailableText,
    int ServiceCount,
    int ActiveServices,
    int SuspendedServices,
    int PendingServices,
    decimal CostPerHour,
    decimal CostPerDay,
    decimal CostPerMonth,
    string CostPerHourText,
    string CostPerDayText,
    string CostPerMonthText,
    /// <summary><see cref="MyDashboardRules.TopUpDays"/> days of the current cost plus any negative balance, rounded up to the minor unit; 0 when nothing is needed.</summary>
    decimal SuggestedTopUp,
    string SuggestedTopUpText,
    /// <summary>How many days the available funds cover at the current cost; null when nothing costs anything.</summary>
    decimal? DaysCovered,
    bool LowBalance,
    int UnpaidProformas,
    string UnpaidProformasTotalText,
    /// <summary>The unpaid proforma due first, to open from the alert.</summary>
    Guid? FirstUnpaidProformaId);
