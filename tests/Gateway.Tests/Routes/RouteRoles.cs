namespace Platform.Gateway.Tests.Routes;

/// <summary>
/// Who may call each route, written from shared/design/API.md (and, where API.md names no role,
/// from the gateway's README), not from the code: the role x route matrix checks the gateway
/// against it, and a route of the OpenAPI document missing here fails that test, so every new
/// route gets a line.
/// </summary>
public static class RouteRoles
{
    public const string Client = "client";
    public const string Operator = "operator";
    public const string System = "system";

    public static IReadOnlyList<string> AllRoles { get; } = [Client, Operator, System];

    /// <summary>"METHOD /path/{template}" -> the roles allowed; empty: anonymous.</summary>
    public static IReadOnlyDictionary<string, string[]> Allowed { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["POST /v1/dev/tokens"] = [],
        ["POST /v1/onboarding/steps"] = [Client, System],
        ["GET /v1/onboarding/clients/{clientId}/progress"] = [Client, Operator, System],
        ["GET /v1/reports/funnel"] = [Operator],
        ["GET /v1/config/funnels/{name}"] = [Operator],
        ["PUT /v1/config/funnels/{name}"] = [Operator],
        ["POST /v1/activity"] = [System],
        ["GET /v1/clients/{clientId}/tier"] = [Client, Operator, System],
        ["GET /v1/clients/{clientId}/tier/history"] = [Client, Operator, System],
        ["GET /v1/clients/{clientId}/benefits"] = [Client, Operator, System],
        ["POST /v1/clients/{clientId}/benefits/{benefitId}/redemptions"] = [Client, System],
        ["GET /v1/config/tiers"] = [Operator],
        ["PUT /v1/config/tiers"] = [Operator],
        ["GET /v1/benefits"] = [Operator],
        ["POST /v1/benefits"] = [Operator],
        ["GET /v1/benefits/{benefitId}"] = [Operator],
        ["PUT /v1/benefits/{benefitId}"] = [Operator],
        ["GET /v1/content/items"] = [Operator],
        ["POST /v1/content/items"] = [Operator],
        ["GET /v1/content/items/{itemId}"] = [Operator],
        ["PUT /v1/content/items/{itemId}"] = [Operator],
        ["GET /v1/content/items/{itemId}/versions"] = [Operator],
        ["GET /v1/clients/{clientId}/tags"] = [Operator],
        ["PUT /v1/clients/{clientId}/tags"] = [Operator],
        ["GET /v1/segments"] = [Operator],
        ["POST /v1/segments"] = [Operator],
        ["GET /v1/segments/{key}"] = [Operator],
        ["PUT /v1/segments/{key}"] = [Operator],
        // API.md says client (own id); Content also lets operators read any client's feed (to see what a client sees), and so does the gateway.
        ["GET /v1/clients/{clientId}/feed"] = [Client, Operator],
        ["GET /v1/experiments"] = [Operator],
        ["POST /v1/experiments"] = [Operator],
        ["GET /v1/experiments/{key}"] = [Operator],
        ["PUT /v1/experiments/{key}"] = [Operator],
        ["GET /v1/experiments/{key}/results"] = [Operator],
        ["POST /v1/content/conversions"] = [Client, System],
        ["GET /v1/clients/{clientId}/inbox"] = [Client, Operator],
        ["POST /v1/clients/{clientId}/inbox/{messageId}/read"] = [Client, Operator],
        // Issue 12 (advisor tasks): operators list and complete them.
        ["GET /v1/advisor/tasks"] = [Operator],
        ["POST /v1/advisor/tasks/{taskId}/complete"] = [Operator],
        ["GET /v1/rules"] = [Operator],
        ["POST /v1/rules"] = [Operator],
        ["GET /v1/rules/{key}"] = [Operator],
        ["PUT /v1/rules/{key}"] = [Operator],
        ["GET /v1/config/engagement"] = [Operator],
        ["PUT /v1/config/engagement"] = [Operator],
        ["DELETE /v1/clients/{clientId}"] = [Operator],
        // Issue 12 (audit and reports): operators read a client's outreach and the moments report.
        ["GET /v1/clients/{clientId}/outreach"] = [Operator],
        ["GET /v1/reports/moments"] = [Operator],
    };
}
