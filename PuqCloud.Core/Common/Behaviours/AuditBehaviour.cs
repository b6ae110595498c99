using MediatR;
using Microsoft.EntityFrameworkCore;
using PuqCloud.Core.Domain.Audit;
using PuqCloud.Core.Persistence;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Common.Behaviours;

/// <summary>
/// Innermost: one activity-log entry for each command (who, what, when, from which IP, and the before/after of the
/// fields it changed). The save interceptor writes the row in the same transaction as the command's first change and
/// keeps it up to date with later saves (<see cref="AuditTrail"/>); this behaviour writes it for commands that changed
/// nothing and marks it failed when the command fails or answers a refusal (<see cref="IRefusableOutcome"/>).
/// Refusals for invalid fields are not recorded unless something was already saved.
/// </summary>
public sealed class AuditBehaviour<TRequest, TResponse>(
    ActorContext actors, AuditTrail trail, IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool Audited = typeof(IAuditedCommand).IsAssignableFrom(typeof(TRequest));
    private static readonly bool ClientAreaRequest = typeof(TRequest).IsDefined(typeof(AnyClientUserAttribute), inherit: false)
        || typeof(TRequest).IsDefined(typeof(ClientMemberAttribute), inherit: false);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!Audited) return await next();

        using var scope = trail.Begin(NewEntry(), out var capture);
        try
        {
            var response = await next();
            var refusal = (response as IRefusableOutcome)?.Refusal;
            await FinishAsync(capture, refusal, cancellationToken);
            return response;
        }
        catch (RequestValidationException ex)
        {
            if (capture.Stored) await FinishAsync(capture, ex.Message, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            await FinishAsync(capture, ex.Message, CancellationToken.None);
            throw;
        }
    }

    private ActivityLogEntry NewEntry()
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
        return new ActivityLogEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorKind = kind,
            ActorId = id,
            ActorName = actor.Name,
            Ip = actor.Ip,
            Channel = actor.Channel,
            Action = typeof(TRequest).Name,
            Succeeded = true,
        };
    }

    /// <summary>Writes the row of a command that saved nothing, or marks the stored row failed.</summary>
    private async Task FinishAsync(AuditCapture capture, string? error, CancellationToken cancellationToken)
    {
        // The usual case: the row went in with the command's first save and the command succeeded.
        if (capture.Stored && error is null) return;
        error = error is { Length: > 2000 } ? error[..2000] : error;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!capture.Stored)
        {
            capture.Entry.Succeeded = error is null;
            capture.Entry.Error = error;
            db.ActivityLog.Add(capture.Entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        else if (error is not null)
        {
            var id = capture.Entry.Id;
            await db.ActivityLog.Where(e => e.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Succeeded, false).SetProperty(e => e.Error, error), cancellationToken);
        }
    }
}
