using MediatR;
using PuqCloud.Core.Features.Reference;
using PuqCloud.Core.Features.Settings;

namespace PuqCloud.Web.Api;

/// <summary>The General settings (four tabs, one document) and the countries with their regions.</summary>
public static class SettingsApi
{
    public static void MapSettings(this RouteGroupBuilder v1)
    {
        var general = v1.MapGroup("/settings/general").WithTags("Settings");
        general.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new GetGeneralSettings(), ct))
            .WithSummary("The General settings: timeBased, finance, client and social.");
        general.MapPut("", (IMediator m, GeneralSettings body, CancellationToken ct) =>
                m.Send(new UpdateGeneralSettings(body.TimeBased, body.Finance, body.Client, body.Social), ct))
            .WithSummary("Replace the General settings; invalid fields come back as 400 under their paths, e.g. \"timeBased.taskQueueDays\".")
            .ProducesValidationProblem();

        var countries = v1.MapGroup("/countries").WithTags("Settings");
        countries.MapGet("", (IMediator m, [AsParameters] ListQuery q, CancellationToken ct) => m.Send(new ListCountries(q.ToPageRequest()), ct))
            .WithSummary("ISO 3166-1 countries, paged; search by code or name; sort by code, code3, name or regionCount.");
        countries.MapGet("/{code}", (IMediator m, string code, CancellationToken ct) => m.Send(new GetCountry(code), ct))
            .WithSummary("One country by its two-letter code, with its ISO 3166-2 regions.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
