using MediatR;
using PuqCloud.Core.Common;

namespace PuqCloud.Web.Infrastructure;

/// <summary>Field errors of a request's answer, for components that show some of a form's fields.</summary>
public interface IFieldErrors
{
    string? ErrorFor(string field);
}

/// <summary>What a page got back: the response, or the message and field errors to show next to the fields.</summary>
public sealed record UiResult<T>(T? Value, string? Message, IReadOnlyDictionary<string, string[]> FieldErrors, bool NotAuthenticated = false) : IFieldErrors
{
    public bool Ok => Message is null && FieldErrors.Count == 0;

    public string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var errors) ? string.Join(" ", errors) : null;
}

/// <summary>
/// How pages send requests: the same mediator and pipeline as the API, with the pipeline's refusals
/// turned into messages for the page instead of exception pages.
/// </summary>
public sealed class UiRequests(IMediator mediator, ILogger<UiRequests> logger)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoFieldErrors = new Dictionary<string, string[]>();

    /// <summary>
    /// What the signed-in staff member holds, for enabling a page's buttons (the pipeline checks every request again,
    /// so this only spares people buttons that would be refused).
    /// </summary>
    public async Task<Func<string, bool>> StaffPermissionsAsync(CancellationToken cancellationToken = default)
    {
        var held = (await SendAsync(new Core.Features.Staff.MyAccount.GetMyAccount(), cancellationToken)).Value?.Permissions.ToHashSet() ?? [];
        return held.Contains;
    }

    public async Task<UiResult<T>> SendAsync<T>(IRequest<T> request, CancellationToken cancellationToken = default)
    {
        try
        {
            return new UiResult<T>(await mediator.Send(request, cancellationToken), null, NoFieldErrors);
        }
        catch (RequestValidationException ex)
        {
            return new UiResult<T>(default, null, ex.Errors);
        }
        catch (DuplicateValueException ex)
        {
            return new UiResult<T>(default, null, new Dictionary<string, string[]> { [ex.Field] = [ex.Message] });
        }
        catch (NotAuthenticatedException ex)
        {
            return new UiResult<T>(default, ex.Message, NoFieldErrors, NotAuthenticated: true);
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException or RuleViolationException or TooManyAttemptsException)
        {
            return new UiResult<T>(default, ex.Message, NoFieldErrors);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Request {Request} failed on a page", request.GetType().Name);
            return new UiResult<T>(default, "Something went wrong. The error was logged; try again or ask an administrator.", NoFieldErrors);
        }
    }
}
