using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Settings;

/// <summary>Time Based tab: how many days each history is kept before the cleanup jobs remove it.</summary>
public sealed record RetentionSettings(int TaskQueueDays = 30, int ModuleLogDays = 30, int AdminSessionDays = 90, int ClientSessionDays = 90, int ActivityLogDays = 365);

/// <summary>
/// Finance tab: guard rails for money the clients add, in the default currency, and how many add-funds proformas a client
/// may have unpaid at once (each takes a number of the home company's sequence: a limit keeps a client, or a script with
/// its token, from issuing thousands).
/// </summary>
public sealed record FinanceSettings(decimal MinAddFunds = 5m, decimal MaxAddFunds = 10000m, decimal MaxClientBalance = 50000m, int InvoiceDueDays = 14,
    int ExpireProformasAfterDays = 0, int MaxUnpaidProformas = 5);

/// <summary>Client tab: customer-facing timeouts.</summary>
public sealed record ClientSettings(int PasswordResetLinkMinutes = 60);

/// <summary>Social tab: the company's public links, used in notifications and the client area.</summary>
public sealed record SocialSettings(string? Website = null, string? Facebook = null, string? X = null, string? LinkedIn = null, string? Instagram = null, string? YouTube = null, string? GitHub = null);

/// <summary>The General settings page: four tabs, one save. Stored as rows of the Settings table under "general.*" keys.</summary>
public sealed record GeneralSettings(RetentionSettings TimeBased, FinanceSettings Finance, ClientSettings Client, SocialSettings Social)
{
    public static GeneralSettings Defaults { get; } = new(new(), new(), new(), new());
}
