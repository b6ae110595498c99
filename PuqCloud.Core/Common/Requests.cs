using MediatR;

namespace PuqCloud.Core.Common;

/// <summary>A request that changes something: the audit behaviour records it in the activity log.</summary>
public interface IAuditedCommand;

/// <summary>A request that changes something and answers <typeparamref name="TResponse"/>.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>, IAuditedCommand;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
