using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PuqCloud.Core.Common;

namespace PuqCloud.Web.Infrastructure;

/// <summary>RFC 7807 problem details for the API, from the errors the request pipeline raises.</summary>
public static class ProblemResponses
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        context.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>Field names in camelCase, as the JSON of the request has them.</summary>
    public static string CamelCase(string field) =>
        string.Join('.', field.Split('.').Select(part => part.Length == 0 ? part : char.ToLowerInvariant(part[0]) + part[1..]));
}

/// <summary>Turns the pipeline's refusals into 400/401/403/404/409 problem details; anything else is a 500 without internals.</summary>
public sealed class RequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!AuthSchemes.IsApi(context.Request.Path) && !context.Request.Path.StartsWithSegments(Api.GatewayWebhooksApi.Prefix)) return false;
        ProblemDetails details = exception switch
        {
            RequestValidationException v => new HttpValidationProblemDetails(v.Errors.ToDictionary(e => ProblemResponses.CamelCase(e.Key), e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some fields are not valid",
            },
            DuplicateValueException d => new HttpValidationProblemDetails(new Dictionary<string, string[]> { [ProblemResponses.CamelCase(d.Field)] = [d.Message] })
            {
                Status = StatusCodes.Status409Conflict,
                Title = "A value is already taken",
            },
            NotAuthenticatedException => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Not signed in", Detail = exception.Message },
            AccessDeniedException => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = exception.Message },
            NotFoundException => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = exception.Message },
            TooManyAttemptsException => new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many attempts", Detail = exception.Message },
            RuleViolationException => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Refused", Detail = exception.Message },
            // The framework's own words: which parameter or body could not be read, and as what.
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Something went wrong", Detail = "The error was logged with the request's correlation id." },
        };
        context.Response.StatusCode = details.Status!.Value;
        if (exception is TooManyAttemptsException tooMany)
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(tooMany.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}
