using System.Security.Claims;

namespace Platform.Gateway.Auth;

/// <summary>The three caller roles of the `role` claim, and the `sub` claim (a client's id for clients).</summary>
public static class GatewayRoles
{
    public const string Client = "client";
    public const string Operator = "operator";
    public const string System = "system";

    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public static IReadOnlyList<string> All { get; } = [Client, Operator, System];

    public static string? Subject(this ClaimsPrincipal user) => user.FindFirstValue(SubjectClaim);

    /// <summary>The caller's role as services see it; the strongest one if a token carries several.</summary>
    public static string? CallerRole(this ClaimsPrincipal user) =>
        user.IsInRole(System) ? System : user.IsInRole(Operator) ? Operator : user.IsInRole(Client) ? Client : null;

    /// <summary>A client whose token carries no other role: it reaches only its own client id.</summary>
    public static bool IsClientOnly(this ClaimsPrincipal user) => user.CallerRole() == Client;
}

/// <summary>Authorization policies: one per role, plus the combinations routes need.</summary>
public static class GatewayPolicies
{
    public const string Client = "client";
    public const string Operator = "operator";
    public const string System = "system";
    public const string ClientOrSystem = "client-or-system";
    public const string AnyRole = "any-role";
}
