using System.Security.Claims;
using Platform.ServiceDefaults.Auth;

namespace Platform.Gateway.Auth;

/// <summary>The three caller roles of the `role` claim, and the `sub` claim: the services' own (<see cref="CallerRoles"/>), which read the same token.</summary>
public static class GatewayRoles
{
    public const string Client = CallerRoles.Client;
    public const string Operator = CallerRoles.Operator;
    public const string System = CallerRoles.System;

    public const string RoleClaim = CallerRoles.RoleClaim;
    public const string SubjectClaim = CallerRoles.SubjectClaim;

    public static IReadOnlyList<string> All => CallerRoles.All;

    public static string? Subject(this ClaimsPrincipal user) => CallerRoles.Subject(user);

    /// <summary>The caller's role as services see it; the strongest one if a token carries several.</summary>
    public static string? CallerRole(this ClaimsPrincipal user) => CallerRoles.CallerRole(user);

    /// <summary>A client whose token carries no other role: it reaches only its own client id.</summary>
    public static bool IsClientOnly(this ClaimsPrincipal user) => CallerRoles.IsClientOnly(user);
}

/// <summary>Authorization policies: one per role, plus the combinations routes need.</summary>
public static class GatewayPolicies
{
    public const string Client = "client";
    public const string Operator = "operator";
    public const string System = "system";
    public const string ClientOrSystem = "client-or-system";
    public const string ClientOrOperator = "client-or-operator";
    public const string AnyRole = "any-role";
}
