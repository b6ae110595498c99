using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;

namespace PuqCloud.Core.Common.Behaviours;

/// <summary>Outermost: logs each request's name, outcome and time. Never logs the request's fields (they may hold passwords).</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsCommand = typeof(IAuditedCommand).IsAssignableFrom(typeof(TRequest));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var name = typeof(TRequest).Name;
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await next();
            // Commands at Information, reads and system housekeeping at Debug: the log stays readable.
            logger.Log(IsCommand ? LogLevel.Information : LogLevel.Debug, "Request {Request} handled in {ElapsedMs:0.0} ms", name, watch.Elapsed.TotalMilliseconds);
            return response;
        }
        catch (Exception ex) when (ex is RequestValidationException or NotAuthenticatedException or AccessDeniedException or NotFoundException or RuleViolationException
            or TooManyAttemptsException or DuplicateValueException)
        {
            logger.LogInformation("Request {Request} refused after {ElapsedMs:0.0} ms: {Refusal}", name, watch.Elapsed.TotalMilliseconds, ex.GetType().Name);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Request {Request} failed after {ElapsedMs:0.0} ms", name, watch.Elapsed.TotalMilliseconds);
            throw;
        }
    }
}
