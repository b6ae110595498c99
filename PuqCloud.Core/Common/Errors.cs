namespace PuqCloud.Core.Common;

/// <summary>Field errors found by the validators of a request: the faces show them next to the fields (400 in the API).</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request has invalid fields: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static RequestValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>Nobody is signed in (or the session is no longer valid) for a request that needs somebody (401).</summary>
public sealed class NotAuthenticatedException(string message = "Sign in first.") : Exception(message);

/// <summary>The actor is known but lacks the permission the request declares (403).</summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>The thing asked for does not exist or is not the actor's to see (404).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>A business rule refused the request, with a reason a person can act on (409).</summary>
public sealed class RuleViolationException(string message) : Exception(message)
{
    /// <summary>A form's save refused because what it was read from changed since (its revision moved).</summary>
    public static RuleViolationException ChangedSinceRead(string what) =>
        new($"{what} was changed by someone else since you opened it: reload to see the change, then make yours again.");
}

/// <summary>
/// A value that must be unique is taken: a unique index refused the row (two creates racing, say). 409 in the API, with
/// <see cref="Field"/> and the message as a field error; the pages show it under that field.
/// </summary>
public sealed class DuplicateValueException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Too many attempts: the caller must wait <see cref="RetryAfter"/> (429 with Retry-After in the API).</summary>
public sealed class TooManyAttemptsException(string message, TimeSpan retryAfter) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
