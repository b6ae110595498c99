namespace PuqCloud.Web.Infrastructure;

/// <summary>
/// The correlation id of this circuit (the id of the request that opened it), so that what a page logs outside a
/// request (a live refresh, a timer tick) can be found beside that request in the log.
/// </summary>
public sealed class CircuitCorrelation
{
    public string Id { get; internal set; } = "-";

    /// <summary>A log scope carrying <see cref="Id"/> as the log template's {CorrelationId}.</summary>
    public IDisposable? Scope(ILogger logger) => logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = Id });
}
