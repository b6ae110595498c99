namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// Serves /_framework/blazor.web.js from the copy the build embedded (see BlazorScript.targets) where the
/// framework's own assets package cannot be restored.
/// </summary>
public static class BlazorScriptEndpoint
{
    public static void MapEmbeddedBlazorScript(this IEndpointRouteBuilder endpoints)
    {
#if BLAZOR_SCRIPT_EMBEDDED
        var assembly = typeof(BlazorScriptEndpoint).Assembly;
        using var stream = assembly.GetManifestResourceStream("blazor.web.js")
            ?? throw new InvalidOperationException("The build did not embed blazor.web.js.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var script = memory.ToArray();
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue("\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(script))[..16] + "\"");
        endpoints.MapGet("/_framework/blazor.web.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(script, "text/javascript", entityTag: etag);
        }).ExcludeFromDescription();
#endif
    }
}
