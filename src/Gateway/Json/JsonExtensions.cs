using System.Text.Json.Serialization;

namespace Platform.Gateway.Json;

internal static class JsonExtensions
{
    /// <summary>
    /// Gateway-wide JSON rules on top of the web defaults (camelCase): numbers must be JSON
    /// numbers, since the contract calls a wrong type a 400. Each feature adds its own
    /// source-generated context.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayJson(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        return builder;
    }
}
