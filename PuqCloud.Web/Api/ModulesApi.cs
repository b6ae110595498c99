using MediatR;
using PuqCloud.Core.Features.Modules;
using PuqCloud.Core.Features.Monitoring;

namespace PuqCloud.Web.Api;

/// <summary>Settings → Add-ons → Modules and Monitoring → Module Log. Secrets are never returned: a secret field answers only isSet.</summary>
public static class ModulesApi
{
    public sealed record SettingsBody(Dictionary<string, string?>? Values);

    public static void MapModules(this RouteGroupBuilder v1)
    {
        var modules = v1.MapGroup("/modules").WithTags("Modules");
        modules.MapGet("", (IMediator m, CancellationToken ct) => m.Send(new ListModules(), ct))
            .WithName("ListModules")
            .WithSummary("The modules the host ships with: code and installed version, state (Inactive, Active, NeedsUpdate).");
        modules.MapPost("/{key}/activate", (IMediator m, string key, CancellationToken ct) => m.Send(new ActivateModule(key), ct))
            .WithName("ActivateModule")
            .WithSummary("Run the module's migration step and switch it on.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        modules.MapPost("/{key}/deactivate", (IMediator m, string key, CancellationToken ct) => m.Send(new DeactivateModule(key), ct))
            .WithName("DeactivateModule")
            .WithSummary("Switch the module off; its settings stay.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        modules.MapPost("/{key}/update", (IMediator m, string key, CancellationToken ct) => m.Send(new UpdateModule(key), ct))
            .WithName("UpdateModule")
            .WithSummary("Run the migration step from the installed version to the code's version.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        modules.MapGet("/{key}/settings", (IMediator m, string key, CancellationToken ct) => m.Send(new GetModuleSettings(key), ct))
            .WithName("GetModuleSettings")
            .WithSummary("The settings fields with their values; secrets only say whether they are set.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        modules.MapPut("/{key}/settings", (IMediator m, string key, SettingsBody body, CancellationToken ct) =>
                m.Send(new SaveModuleSettings(key, body.Values), ct))
            .WithName("SaveModuleSettings")
            .WithSummary("Save the whole settings form; an empty or missing secret keeps the saved one; values left out keep the saved form.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var log = v1.MapGroup("/module-logs").WithTags("Monitoring");
        log.MapGet("", (IMediator m, [AsParameters] ListQuery q, DateTime? from, DateTime? to, string? module, string? level, CancellationToken ct) =>
                m.Send(new ListModuleLog(q.ToPageRequest(), new LogPeriod(from, to), module, level), ct))
            .WithName("ListModuleLog")
            .WithSummary("Module Log entries, newest first; filter by module key and level (Debug, Info, Warning, Error). Sort by at, moduleKey, action or level.")
            .ProducesValidationProblem();
        log.MapGet("/{id:guid}", (IMediator m, Guid id, CancellationToken ct) => m.Send(new GetModuleLogEntry(id), ct))
            .WithName("GetModuleLogEntry")
            .WithSummary("One entry with its request and response.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        log.MapDelete("", async (IMediator m, CancellationToken ct) => TypedResults.Ok(new DeletedEntries(await m.Send(new DeleteAllModuleLog(), ct))))
            .WithName("DeleteAllModuleLog")
            .WithSummary("Delete every Module Log entry.");
    }
}

/// <summary>How many entries a "delete all" removed.</summary>
public sealed record DeletedEntries(int Deleted);
