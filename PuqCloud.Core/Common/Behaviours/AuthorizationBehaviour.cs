using System.Reflection;
using MediatR;
using PuqCloud.Core.Security;

namespace PuqCloud.Core.Common.Behaviours;

/// <summary>
/// Checks the access a request declares (<see cref="AccessAttribute"/>) against the scope's actor, reading
/// the account's state from the database each time so that a disabled account or a withdrawn permission
/// takes effect at once. A request without a declaration is refused: no permission, no access.
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ActorContext actors, IAccountAccess access)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly AccessAttribute? Declared = typeof(TRequest).GetCustomAttribute<AccessAttribute>(inherit: false);
    private static readonly bool NotWhileImpersonating = typeof(TRequest).IsDefined(typeof(NotWhileImpersonatingAttribute), inherit: false);

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var actor = actors.Current;
        switch (Declared)
        {
            case null:
                throw new AccessDeniedException($"{typeof(TRequest).Name} declares no access rule, so nobody may send it.");
            case AnonymousAttribute:
                break;
            case SystemOnlyAttribute:
                if (!actor.IsSystem) throw new AccessDeniedException("Only the system may do this.");
                break;
            case AnyClientUserAttribute when !actor.IsSystem:
                if (actor.ClientUserId is not { } clientUserId || !await access.IsActiveClientUserAsync(clientUserId, cancellationToken))
                    throw new NotAuthenticatedException();
                break;
            case ClientMemberAttribute member when !actor.IsSystem:
                if (actor.ClientUserId is not { } memberId || !await access.IsActiveClientUserAsync(memberId, cancellationToken))
                    throw new NotAuthenticatedException();
                if (request is not IClientScoped scoped)
                    throw new AccessDeniedException($"{typeof(TRequest).Name} is for members of a client but names no client.");
                // Not a member, or not the client a staff member signed in as: the same answer as a client that does not
                // exist, so ids reveal nothing.
                if (actor.ImpersonatedClientId is { } opened && opened != scoped.ClientId)
                    throw new NotFoundException("There is no such client among yours.");
                var client = await access.GetClientAccessAsync(memberId, scoped.ClientId, cancellationToken)
                    ?? throw new NotFoundException("There is no such client among yours.");
                if (member.Permission is { } clientPermission && !client.Has(clientPermission))
                    throw new AccessDeniedException("Your account may not do this for this client. Ask its owner for the permission.");
                break;
            case AnyStaffAttribute or RequiresPermissionAttribute when !actor.IsSystem:
                var staff = actor.StaffId is { } staffId ? await access.GetStaffAccessAsync(staffId, cancellationToken) : null;
                if (staff is null) throw new NotAuthenticatedException();
                if (Declared is RequiresPermissionAttribute { Permission: var permission } && !staff.Has(permission))
                    throw new AccessDeniedException($"You do not have the permission '{permission}'.");
                break;
        }
        if (NotWhileImpersonating && actor.ImpersonatedBy is not null) throw new AccessDeniedException(NotWhileImpersonatingAttribute.Refusal);
        return await next();
    }
}
