using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>Which routes of the OpenAPI document Content serves: fuzzed against the real Content by <see cref="ContentFuzzTests"/>.</summary>
internal static class ContentRoutes
{
    public static bool Contains(OpenApiRoute route) =>
        route.Path.StartsWith("/v1/content/", StringComparison.Ordinal) || route.Path.StartsWith("/v1/segments", StringComparison.Ordinal)
        || route.Path.StartsWith("/v1/experiments", StringComparison.Ordinal)
        || route.Path.EndsWith("/tags", StringComparison.Ordinal) || route.Path.EndsWith("/feed", StringComparison.Ordinal);
}
