using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>Which routes of the OpenAPI document are Engagement's rules: fuzzed against the real Engagement by <see cref="RuleFuzzTests"/>, left out of the other passes (no Engagement behind them).</summary>
internal static class RuleFuzzRoutes
{
    public static bool Contains(OpenApiRoute route) => route.Path.StartsWith("/v1/rules", StringComparison.Ordinal);
}
