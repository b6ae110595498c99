using MediatR;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Features.Settings;

namespace PuqCloud.Web.Api;

/// <summary>The General settings (four tabs, one document) and the countries with their regions.</summary>
public static class SettingsApi
{
    /// <summary>The General settings as a PUT sends them: every tab and every field may be left out (or null) to keep its value.</summary>
    public sealed record GeneralSettingsBody(RetentionSettingsBody? TimeBased, FinanceSettingsBody? Finance, ClientSettingsBody? Client, SocialSettingsBody? Social);

    public sealed record RetentionSettingsBody(int? TaskQueueDays, int? ModuleLogDays, int? AdminSessionDays, int? ClientSessionDays, int? ActivityLogDays);

    public sealed record FinanceSettingsBody(decimal? MinAddFunds, decimal? MaxAddFunds, decimal? MaxClientBalance, int? InvoiceDueDays, int? ExpireProformasAfterDays = null,
        int? MaxUnpaidProformas = null);

    public sealed record ClientSettingsBody(int? PasswordResetLinkMinutes);

    public sealed record SocialSettingsBody(string? Website, string? Facebook, string? X, string? LinkedIn, string? Instagram, string? YouTube, string? GitHub);

    public static void MapSettings(this RouteGroupBuilder v1)
    {
        var general = v1.MapGroup("/settings/general").WithTags("Settings");
        general.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new GetGeneralSettings(), ct))
            .WithName("GetGeneralSettings")
            .WithSummary("The General settings: timeBased, finance, client and social.");
        general.MapPut("", async (IMediator m, GeneralSettingsBody body, CancellationToken ct) =>
                await m.Send(Merge(body, await m.Send(new GetGeneralSettings(), ct)), ct))
            .WithName("UpdateGeneralSettings")
            .WithSummary("Change the General settings; tabs and fields left out keep their value (\"\" empties a link). " +
                "Invalid fields come back as 400 under their paths, e.g. \"timeBased.taskQueueDays\".")
            .ProducesValidationProblem();

        var countries = v1.MapGroup("/countries").WithTags("Settings");
        countries.MapGet("", (IMediator m, [AsParameters] ListQuery q, CancellationToken ct) => m.Send(new ListCountries(q.ToPageRequest()), ct))
            .WithName("ListCountries")
            .WithSummary("ISO 3166-1 countries, paged; search by code or name; sort by code, code3, name or regionCount.")
            .ProducesValidationProblem();
        countries.MapGet("/{code}", (IMediator m, string code, CancellationToken ct) => m.Send(new GetCountry(code), ct))
            .WithName("GetCountry")
            .WithSummary("One country by its two-letter code, with its ISO 3166-2 regions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static UpdateGeneralSettings Merge(GeneralSettingsBody b, GeneralSettings saved)
    {
        var (time, finance, client, social) = (saved.TimeBased, saved.Finance, saved.Client, saved.Social);
        return new UpdateGeneralSettings(
            new RetentionSettings(b.TimeBased?.TaskQueueDays ?? time.TaskQueueDays, b.TimeBased?.ModuleLogDays ?? time.ModuleLogDays,
                b.TimeBased?.AdminSessionDays ?? time.AdminSessionDays, b.TimeBased?.ClientSessionDays ?? time.ClientSessionDays,
                b.TimeBased?.ActivityLogDays ?? time.ActivityLogDays),
            new FinanceSettings(b.Finance?.MinAddFunds ?? finance.MinAddFunds, b.Finance?.MaxAddFunds ?? finance.MaxAddFunds,
                b.Finance?.MaxClientBalance ?? finance.MaxClientBalance, b.Finance?.InvoiceDueDays ?? finance.InvoiceDueDays,
                b.Finance?.ExpireProformasAfterDays ?? finance.ExpireProformasAfterDays, b.Finance?.MaxUnpaidProformas ?? finance.MaxUnpaidProformas),
            new ClientSettings(b.Client?.PasswordResetLinkMinutes ?? client.PasswordResetLinkMinutes),
            new SocialSettings(b.Social?.Website ?? social.Website, b.Social?.Facebook ?? social.Facebook, b.Social?.X ?? social.X,
                b.Social?.LinkedIn ?? social.LinkedIn, b.Social?.Instagram ?? social.Instagram, b.Social?.YouTube ?? social.YouTube,
                b.Social?.GitHub ?? social.GitHub));
    }
}
