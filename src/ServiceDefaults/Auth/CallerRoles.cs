using System.Security.Claims;

namespace Platform.ServiceDefaults.Auth;

/// <summary>
/// The callers' roles, as the `role` claim of their token names them, and the `sub` claim (a
/// client's id for clients). The gateway authorises its routes with them; each service reads
/// them again from the same token, which the gateway forwards, so that no service takes a
/// caller's word for who it is.
/// </summary>
public static class CallerRoles
{
    public const string Client = "client";
    public const string Operator = "operator";
    public const string System = "system";

    public const string RoleClaim = "role";
    public const string SubjectClaim = "sub";

    public static IReadOnlyList<string> All { get; } = [Client, Operator, System];

    public static string? Subject(this ClaimsPrincipal user) => user.FindFirstValue(SubjectClaim);

    /// <summary>The caller's role; the strongest one if a token carries several.</summary>
    public static string? CallerRole(this ClaimsPrincipal user) =>
        user.IsInRole(System) ? System : user.IsInRole(Operator) ? Operator : user.IsInRole(Client) ? Client : null;

    /// <summary>A client whose token carries no other role: it reaches only its own client id.</summary>
    public static bool IsClientOnly(this ClaimsPrincipal user) => user.CallerRole() == Client;
}
