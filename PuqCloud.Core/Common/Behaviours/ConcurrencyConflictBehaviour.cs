using MediatR;
using Microsoft.EntityFrameworkCore;

namespace PuqCloud.Core.Common.Behaviours;

/// <summary>
/// Innermost, beside <see cref="UniqueValueBehaviour{TRequest,TResponse}"/>: a save that found its row changed under it (a
/// concurrency token, e.g. a membership that became the client's owner while it was being removed) and that its use case
/// did not retry becomes a refusal saying so, not "something went wrong".
/// </summary>
public sealed class ConcurrencyConflictBehaviour<TRequest, TResponse> : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public const string Message = "Someone changed this at the same moment: look at it again and retry.";

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        try
        {
            return await next();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RuleViolationException(Message);
        }
    }
}
