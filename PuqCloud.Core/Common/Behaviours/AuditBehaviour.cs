using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Common.Behaviours;

/// <summary>
/// Innermost: writes one activity-log entry for each command (who, what, when, from which IP, and the
/// before/after of the fields it changed). Refusals for invalid fields are not recorded; other failures are, and so
/// are refusals a handler answers as a value (<see cref="IRefusableOutcome"/>), as failed.
/// </summary>
public sealed class AuditBehaviour<TRequest, TResponse>(
    ActorContext actors, AuditTrail trail, IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool Audited = typeof(IAuditedCommand).IsAssignableFrom(typeof(TRequest));
    private static readonly bool ClientAreaRequest = typeof(TRequest).IsDefined(typeof(AnyClientUserAttribute), inherit: false)
        || typeof(TRequest).IsDefined(typeof(ClientMemberAttribute), inherit: false);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!Audited) return await next();

        using var capture = trail.Begin(out var changes);
        try
        {
            var response = await next();
            var refusal = (response as IRefusableOutcome)?.Refusal;
            await WriteAsync(succeeded: refusal is null, error: refusal, changes(), cancellationToken);
            return response;
        }
        catch (RequestValidationException)
        {
            throw;
        }
        catch (Exception ex)
        {
            await WriteAsync(succeeded: false, error: ex.Message, changes: [], CancellationToken.None);
            throw;
        }
    }

    private async Task WriteAsync(bool succeeded, string? error, IReadOnlyList<EntityChange> changes, CancellationToken cancellationToken)
    {
        var actor = actors.Current;
        var (kind, id) = actor switch
        {
            { IsSystem: true } => (ActorKind.System, (Guid?)null),
            { ClientUserId: { } clientUser } when ClientAreaRequest => (ActorKind.ClientUser, clientUser),
            { StaffId: { } staff } => (ActorKind.Staff, staff),
            { ClientUserId: { } client } => (ActorKind.ClientUser, client),
            _ => (ActorKind.Anonymous, null),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ActivityLog.Add(new ActivityLogEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorKind = kind,
            ActorId = id,
            ActorName = actor.Name,
            Ip = actor.Ip,
            Channel = actor.Channel,
            Action = typeof(TRequest).Name,
            Succeeded = succeeded,
            Error = error is { Length: > 2000 } ? error[..2000] : error,
            Changes = changes.Count == 0 ? null : JsonSerializer.Serialize(changes, Json),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
