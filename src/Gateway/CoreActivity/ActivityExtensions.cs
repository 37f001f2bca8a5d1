using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.CoreActivity;

internal static class ActivityExtensions
{
    /// <summary>POST /v1/activity and what it publishes with: Messaging's publisher and its Kafka readiness check (/health).</summary>
    public static IHostApplicationBuilder AddCoreActivity(this IHostApplicationBuilder builder)
    {
        builder.AddMessaging();
        builder.Services.AddOptions<ActivityOptions>().BindConfiguration(ActivityOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ActivityOptions>, ActivityOptionsValidator>();
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ActivityJsonContext.Default));
        return builder;
    }

    public static WebApplication MapCoreActivity(this WebApplication app)
    {
        app.MapActivityEndpoints();
        return app;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ActivityBatchRequest))]
[JsonSerializable(typeof(ActivityBatchResponse))]
internal sealed partial class ActivityJsonContext : JsonSerializerContext;
