using MediatR;

namespace PuqCloud.Tests.Components;

/// <summary>
/// The request sender a component test gives a page instead of the real pipeline: each request type answers what
/// the test set up (a value, or an exception the pipeline would throw), and every request sent is recorded.
/// A request with no answer fails the test with its type name, so a page that starts asking for more is noticed.
/// </summary>
public sealed class FakeRequests : IMediator
{
    private readonly Dictionary<Type, Func<object, Task<object?>>> _answers = [];
    private readonly List<object> _sent = [];

    public IReadOnlyList<object> Sent { get { lock (_sent) return [.. _sent]; } }

    /// <summary>Answers every <typeparamref name="TRequest"/> with what <paramref name="answer"/> returns for it.</summary>
    public FakeRequests On<TRequest, TResponse>(Func<TRequest, TResponse> answer) where TRequest : IRequest<TResponse>
    {
        _answers[typeof(TRequest)] = request => Task.FromResult<object?>(answer((TRequest)request));
        return this;
    }

    /// <summary>Answers every <typeparamref name="TRequest"/> when the task <paramref name="answer"/> returns for it completes (a request still on its way).</summary>
    public FakeRequests OnAsync<TRequest, TResponse>(Func<TRequest, Task<TResponse>> answer) where TRequest : IRequest<TResponse>
    {
        _answers[typeof(TRequest)] = async request => await answer((TRequest)request);
        return this;
    }

    /// <summary>Answers every <typeparamref name="TRequest"/> with <paramref name="response"/>.</summary>
    public FakeRequests On<TRequest, TResponse>(TResponse response) where TRequest : IRequest<TResponse> =>
        On<TRequest, TResponse>(_ => response);

    /// <summary>Refuses every <typeparamref name="TRequest"/> with <paramref name="refusal"/> (e.g. a RequestValidationException).</summary>
    public FakeRequests Refuse<TRequest>(Exception refusal)
    {
        _answers[typeof(TRequest)] = _ => Task.FromException<object?>(refusal);
        return this;
    }

    public IEnumerable<TRequest> SentOf<TRequest>() => Sent.OfType<TRequest>();

    public async Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        lock (_sent) _sent.Add(request);
        if (!_answers.TryGetValue(request.GetType(), out var answer))
            throw new InvalidOperationException($"The test gave no answer for {request.GetType().Name}.");
        return (TResponse)(await answer(request))!;
    }

    public Task Send(IRequest request, CancellationToken cancellationToken = default) => Send<MediatR.Unit>((IRequest<MediatR.Unit>)request, cancellationToken);

    public Task Publish(object notification, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default) where TNotification : INotification =>
        Task.CompletedTask;
}
