namespace PuqCloud.Web.Infrastructure;

/// <summary>The authentication schemes of the host and the policies built on them.</summary>
public static class AuthSchemes
{
    /// <summary>Chooses per request: API paths use bearer tokens, everything else the sign-in cookies.</summary>
    public const string Default = "PuqDefault";
    /// <summary>Staff and client-user cookies read together, so that a circuit knows both identities.</summary>
    public const string Cookies = "PuqCookies";
    public const string Staff = "Staff";
    public const string StaffTwoFactor = "StaffTwoFactor";
    public const string Client = "Client";
    public const string ClientTwoFactor = "ClientTwoFactor";
    public const string ApiToken = "ApiToken";
    public const string ClientApiToken = "ClientApiToken";

    public const string StaffPolicy = "Staff";
    public const string ClientPolicy = "Client";
    public const string StaffApiPolicy = "StaffApi";
    public const string ClientApiPolicy = "ClientApi";

    public const string AdminApiPrefix = "/api/admin";
    public const string ClientApiPrefix = "/api/client";

    /// <summary>A path of either REST API (bearer tokens, problem details, channel API).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments(AdminApiPrefix) || path.StartsWithSegments(ClientApiPrefix);
}
