using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// The API's generated request delegates (RequestDelegateGenerator) answer a query or route value they cannot read as its
/// type (<c>?clientId=abc</c>, <c>?kind=Bill</c>, <c>?page=two</c>) with a bare 400 and no body, whatever ThrowOnBadRequest
/// says. This names each such value under its parameter, as a refusal of a field is answered anywhere else in the API.
/// </summary>
public sealed class UnreadableValueProblems(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var response = context.Response;
        if (response.StatusCode != StatusCodes.Status400BadRequest || response.HasStarted || response.ContentType is not null
            || response.ContentLength is not null || !AuthSchemes.IsApi(context.Request.Path)) return;
        var errors = Unreadable(context).ToDictionary(e => ProblemResponses.CamelCase(e.Name), e => new[] { e.Message });
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some fields are not valid",
                Detail = errors.Count == 0 ? "A value in the address could not be read." : "A value in the address could not be read as its type.",
            },
        });
    }

    /// <summary>The endpoint's parsable parameters whose value in the route or query does not parse, each with what it should be.</summary>
    private static IEnumerable<(string Name, string Message)> Unreadable(HttpContext context)
    {
        var parameters = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [];
        foreach (var parameter in parameters.Where(p => p.HasTryParse))
        {
            var raw = context.Request.RouteValues.TryGetValue(parameter.Name, out var routeValue) ? routeValue?.ToString() : context.Request.Query[parameter.Name].ToString();
            if (string.IsNullOrEmpty(raw)) continue;
            var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
            if (Parses(type, raw)) continue;
            yield return (parameter.Name, type.IsEnum
                ? $"\"{raw}\" is not one of {string.Join(", ", Enum.GetNames(type))}."
                : $"\"{raw}\" is not {Expected(type)}.");
        }
    }

    private static bool Parses(Type type, string raw)
    {
        // As the generated binding does: an enum's name in its own case.
        if (type.IsEnum) return Enum.TryParse(type, raw, ignoreCase: false, out _);
        var withProvider = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
        if (withProvider is not null) return (bool)withProvider.Invoke(null, [raw, CultureInfo.InvariantCulture, null])!;
        var plain = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]);
        // A type this cannot check is not named: the problem still says a value could not be read.
        return plain is null || (bool)plain.Invoke(null, [raw, null])!;
    }

    private static string Expected(Type type) => type switch
    {
        _ when type == typeof(Guid) => "an id (a GUID such as 01a24fa6-05cc-7878-936f-36fa1b993367)",
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(decimal) || type == typeof(double) => "a number (with a dot for decimals)",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "a date and time (ISO 8601, such as 2026-12-01T00:00:00Z)",
        _ when type == typeof(DateOnly) => "a date (such as 2026-12-01)",
        _ => $"a valid {type.Name}",
    };
}
