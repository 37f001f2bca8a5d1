using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>Which routes of the OpenAPI document Engagement serves: fuzzed against the real Engagement by <see cref="EngagementFuzzTests"/>.</summary>
internal static class EngagementRoutes
{
    private static readonly string[] Prefixes = ["/v1/advisor/", "/v1/rules", "/v1/config/engagement", "/v1/reports/moments"];

    private static readonly string[] ClientRoutes = ["/v1/clients/{clientId}/inbox", "/v1/clients/{clientId}/outreach"];

    public static bool Contains(OpenApiRoute route) =>
        Prefixes.Any(prefix => route.Path.StartsWith(prefix, StringComparison.Ordinal))
        || ClientRoutes.Any(prefix => route.Path.StartsWith(prefix, StringComparison.Ordinal));
}
