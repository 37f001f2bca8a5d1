using System.Text.Json.Serialization;
using System.Text.Json;

namespace Platform.Gateway.Funnel;

internal static class FunnelExtensions
{
    public static IHostApplicationBuilder AddFunnel(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, FunnelJsonContext.Default));
        return builder;
    }

    public static WebApplication MapFunnel(this WebApplication app)
    {
        app.MapFunnelEndpoints();
        app.MapFunnelConfigEndpoints();
        app.MapFunnelReportEndpoints();
        return app;
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecordStepRequest))]
[JsonSerializable(typeof(RecordStepResponse))]
[JsonSerializable(typeof(ProgressResponse))]
[JsonSerializable(typeof(PutFunnelRequest))]
[JsonSerializable(typeof(FunnelDefinitionResponse))]
[JsonSerializable(typeof(FunnelReportResponse))]
internal sealed partial class FunnelJsonContext : JsonSerializerContext;
