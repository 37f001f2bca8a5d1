using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Engagement;

/// <summary>The routes Engagement's settings serve: fuzzed against the real Engagement by <see cref="SettingsFuzzTests"/>, not by the passes without it.</summary>
internal static class SettingsRoutes
{
    public static bool Contains(OpenApiRoute route) => route.Path == "/v1/config/engagement";
}
