using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Persistence;

namespace PuqCloud.Core.Features.Settings;

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
                Dec("finance.maxClientBalance", d.Finance.MaxClientBalance), Int("finance.invoiceDueDays", d.Finance.InvoiceDueDays),
                Int("finance.expireProformasAfterDays", d.Finance.ExpireProformasAfterDays), Int("finance.maxUnpaidProformas", d.Finance.MaxUnpaidProformas)),
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
            ["finance.expireProformasAfterDays"] = Invariant(settings.Finance.ExpireProformasAfterDays),
            ["finance.maxUnpaidProformas"] = Invariant(settings.Finance.MaxUnpaidProformas),
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
