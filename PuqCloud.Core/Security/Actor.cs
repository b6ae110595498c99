using System.Security.Claims;
using PuqCloud.Core.Common;
using PuqCloud.Core.Domain.Audit;

namespace PuqCloud.Core.Security;

/// <summary>The claims the product puts into its sign-in cookies and API principals.</summary>
public static class PuqClaims
{
    public const string StaffId = "puq:staff_id";
    public const string ClientUserId = "puq:client_user_id";
    public const string SecurityStamp = "puq:stamp";
    public const string ApiTokenId = "puq:api_token_id";
    /// <summary>On a client API principal: the one client its token was made for.</summary>
    public const string ClientId = "puq:client_id";
    public const string Name = "puq:name";
    public const string Email = "puq:email";
    /// <summary>On a client-area session opened by "Sign in as client": the staff member who opened it.</summary>
    public const string ImpersonatorName = "puq:impersonator";
    /// <summary>On such a session: the client it was opened for.</summary>
    public const string ImpersonatedClientId = "puq:impersonated_client";
    /// <summary>On such a session: the staff member's id and security stamp, which it stays bound to.</summary>
    public const string ImpersonatorId = "puq:impersonator_id";
    public const string ImpersonatorStamp = "puq:impersonator_stamp";
    /// <summary>On such a session: when it ends (Unix seconds), however busy it was.</summary>
    public const string ImpersonationEnds = "puq:impersonation_ends";
    /// <summary>On a console or client-area sign-in: its row on the server (<see cref="ISignInSessions"/>), which signing out deletes.</summary>
    public const string SessionId = "puq:session_id";
}

/// <summary>The channel a request came through, as the activity log shows it.</summary>
public static class Channels
{
    public const string Web = "WEB";
    public const string Api = "API";
    public const string Job = "JOB";
}

/// <summary>
/// Who is sending requests in this scope. One principal may carry a staff identity and a client-user
/// identity at once (a staff member who also has a client login); each request uses the one its access
/// attribute asks for.
/// </summary>
public sealed record Actor(Guid? StaffId, Guid? ClientUserId, string? Name, string? Ip, string Channel, bool IsSystem = false)
{
    public static Actor Anonymous(string? ip, string channel) => new(null, null, null, ip, channel);
    public static Actor System(string name) => new(null, null, name, null, Channels.Job, IsSystem: true);

    public static Actor FromPrincipal(ClaimsPrincipal? principal, string? ip, string channel)
    {
        if (principal is null) return Anonymous(ip, channel);
        Guid? staff = Guid.TryParse(principal.FindFirst(PuqClaims.StaffId)?.Value, out var s) ? s : null;
        Guid? client = Guid.TryParse(principal.FindFirst(PuqClaims.ClientUserId)?.Value, out var c) ? c : null;
        return new Actor(staff, client, NameOf(principal.FindFirst(PuqClaims.Name)?.Value), ip, channel)
        {
            ImpersonatedBy = NameOf(principal.FindFirst(PuqClaims.ImpersonatorName)?.Value),
            ImpersonatedClientId = Guid.TryParse(principal.FindFirst(PuqClaims.ImpersonatedClientId)?.Value, out var only) ? only : null,
        };
    }

    /// <summary>What the logs keep of a name (their columns hold 200 characters).</summary>
    public const int MaxNameLength = 200;

    /// <summary>
    /// A name as every log records it. First and last names may be 100 characters each: with the space between, a name
    /// whole failed every command of that person on PostgreSQL and SQL Server (the activity log's and a service's history's
    /// actor hold 200), the one to shorten it too.
    /// </summary>
    private static string? NameOf(string? name) => name is null ? null : TextCut.Cut(name, MaxNameLength);

    /// <summary>The staff member who signed in as the client ("Sign in as client"); null for the client's own session.</summary>
    public string? ImpersonatedBy { get; init; }

    /// <summary>
    /// The one client such a session was opened for: the owner's login may belong to other clients too, which the staff
    /// member did not open (and whose audit row would not name them).
    /// </summary>
    public Guid? ImpersonatedClientId { get; init; }
}

/// <summary>Supplies the actor of the current scope: the web host reads it from the request or circuit.</summary>
public interface IActorSource
{
    Actor GetActor();
}

/// <summary>The actor of a scope: from the <see cref="IActorSource"/>, unless a job has taken the scope as the system.</summary>
public sealed class ActorContext(IEnumerable<IActorSource> sources)
{
    private Actor? _override;

    public Actor Current => _override ?? sources.LastOrDefault()?.GetActor() ?? Actor.Anonymous(null, Channels.Job);

    public void RunAsSystem(string jobName) => _override = Actor.System(jobName);
}

/// <summary>The actor a request was authorized as, for the audit: kind and id.</summary>
public readonly record struct AuthorizedActor(ActorKind Kind, Guid? Id, string? Name);
