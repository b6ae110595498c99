using MediatR;

namespace PuqCloud.Core.Common;

/// <summary>A request that changes something: the audit behaviour records it in the activity log.</summary>
public interface IAuditedCommand;

/// <summary>A request that changes something and answers <typeparamref name="TResponse"/>.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>, IAuditedCommand;

/// <summary>
/// An answer that can be a refusal given as a value rather than thrown (a wrong password, a throttled sign-in): the
/// audit records the command as failed, with <see cref="Refusal"/> as its error.
/// </summary>
public interface IRefusableOutcome
{
    /// <summary>Why the command was refused, or null when it succeeded.</summary>
    string? Refusal { get; }
}

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
