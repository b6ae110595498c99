using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Common;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Features.Settings;

/// <summary>Time Based tab: how many days each history is kept before the cleanup jobs remove it.</summary>
public sealed record RetentionSettings(int TaskQueueDays = 30, int ModuleLogDays = 30, int AdminSessionDays = 90, int ClientSessionDays = 90, int ActivityLogDays = 365);

/// <summary>Finance tab: guard rails for money the clients add, in the default currency.</summary>
public sealed record FinanceSettings(decimal MinAddFunds = 5m, decimal MaxAddFunds = 10000m, decimal MaxClientBalance = 50000m, int InvoiceDueDays = 14);

/// <summary>Client tab: customer-facing timeouts.</summary>
public sealed record ClientSettings(int PasswordResetLinkMinutes = 60);

/// <summary>Social tab: the company's public links, used in notifications and the client area.</summary>
public sealed record SocialSettings(string? Website = null, string? Facebook = null, string? X = null, string? LinkedIn = null, string? Instagram = null, string? YouTube = null, string? GitHub = null);

/// <summary>The General settings page: four tabs, one save. Stored as rows of the Settings table under "general.*" keys.</summary>
public sealed record GeneralSettings(RetentionSettings TimeBased, FinanceSettings Finance, ClientSettings Client, SocialSettings Social)
{
    public static GeneralSettings Defaults { get; } = new(new(), new(), new(), new());
}

[RequiresPermission(Permissions.GeneralSettingsView)]
public sealed record GetGeneralSettings : IQuery<GeneralSettings>;

public sealed class GetGeneralSettingsHandler(IGeneralSettingsStore store) : IRequestHandler<GetGeneralSettings, GeneralSettings>
{
    public Task<GeneralSettings> Handle(GetGeneralSettings request, CancellationToken cancellationToken) => store.LoadAsync(cancellationToken);
}

/// <summary>
/// Reads and writes the General settings. Other features (password reset, cleanup jobs, add funds) read
/// their values through <see cref="LoadAsync"/>; missing rows fall back to <see cref="GeneralSettings.Defaults"/>.
/// </summary>
public interface IGeneralSettingsStore
{
    Task<GeneralSettings> LoadAsync(CancellationToken cancellationToken = default);
    Task SaveAsync(GeneralSettings settings, CancellationToken cancellationToken = default);
}

public sealed class GeneralSettingsStore(IDbContextFactory<AppDbContext> contexts, TimeProvider clock) : IGeneralSettingsStore
{
    private const string Prefix = "general.";

    public async Task<GeneralSettings> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(Prefix)).ToDictionaryAsync(s => s.Key[Prefix.Length..], s => s.Value, cancellationToken);
        var d = GeneralSettings.Defaults;
        int Int(string key, int fallback) => rows.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : fallback;
        decimal Dec(string key, decimal fallback) => rows.TryGetValue(key, out var v) && decimal.TryParse(v, NumberStyles.Number, CultureInfo.InvariantCulture, out var m) ? m : fallback;
        string? Text(string key) => rows.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
        return new GeneralSettings(
            new RetentionSettings(Int("timeBased.taskQueueDays", d.TimeBased.TaskQueueDays), Int("timeBased.moduleLogDays", d.TimeBased.ModuleLogDays),
                Int("timeBased.adminSessionDays", d.TimeBased.AdminSessionDays), Int("timeBased.clientSessionDays", d.TimeBased.ClientSessionDays),
                Int("timeBased.activityLogDays", d.TimeBased.ActivityLogDays)),
            new FinanceSettings(Dec("finance.minAddFunds", d.Finance.MinAddFunds), Dec("finance.maxAddFunds", d.Finance.MaxAddFunds),
                Dec("finance.maxClientBalance", d.Finance.MaxClientBalance), Int("finance.invoiceDueDays", d.Finance.InvoiceDueDays)),
            new ClientSettings(Int("client.passwordResetLinkMinutes", d.Client.PasswordResetLinkMinutes)),
            new SocialSettings(Text("social.website"), Text("social.facebook"), Text("social.x"), Text("social.linkedIn"), Text("social.instagram"), Text("social.youTube"), Text("social.gitHub")));
    }

    public async Task SaveAsync(GeneralSettings settings, CancellationToken cancellationToken = default)
    {
        var values = new Dictionary<string, string?>
        {
            ["timeBased.taskQueueDays"] = Invariant(settings.TimeBased.TaskQueueDays),
            ["timeBased.moduleLogDays"] = Invariant(settings.TimeBased.ModuleLogDays),
            ["timeBased.adminSessionDays"] = Invariant(settings.TimeBased.AdminSessionDays),
            ["timeBased.clientSessionDays"] = Invariant(settings.TimeBased.ClientSessionDays),
            ["timeBased.activityLogDays"] = Invariant(settings.TimeBased.ActivityLogDays),
            ["finance.minAddFunds"] = Invariant(settings.Finance.MinAddFunds),
            ["finance.maxAddFunds"] = Invariant(settings.Finance.MaxAddFunds),
            ["finance.maxClientBalance"] = Invariant(settings.Finance.MaxClientBalance),
            ["finance.invoiceDueDays"] = Invariant(settings.Finance.InvoiceDueDays),
            ["client.passwordResetLinkMinutes"] = Invariant(settings.Client.PasswordResetLinkMinutes),
            ["social.website"] = settings.Social.Website,
            ["social.facebook"] = settings.Social.Facebook,
            ["social.x"] = settings.Social.X,
            ["social.linkedIn"] = settings.Social.LinkedIn,
            ["social.instagram"] = settings.Social.Instagram,
            ["social.youTube"] = settings.Social.YouTube,
            ["social.gitHub"] = settings.Social.GitHub,
        };
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Settings.Where(s => s.Key.StartsWith(Prefix)).ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var (key, value) in values)
        {
            if (existing.TryGetValue(Prefix + key, out var row))
            {
                if (row.Value == value) continue;
                row.Value = value;
                row.UpdatedAt = now;
            }
            else
            {
                db.Settings.Add(new Domain.Settings.Setting { Key = Prefix + key, Value = value, UpdatedAt = now });
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
