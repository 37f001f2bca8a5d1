using Platform.Content.Selection;

namespace Platform.Content.Experiments;

public static class ExperimentsExtensions
{
    /// <summary>Experiments: sticky assignment, the gate of their items, exposures, conversions and results.</summary>
    public static IHostApplicationBuilder AddExperiments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IExperimentGates, ExperimentGates>();
        builder.Services.AddScoped<ExperimentCounters>();
        builder.Services.AddScoped<ExposureRecorder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapExperiments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ExperimentGrpcService>();
        endpoints.MapGrpcService<ConversionGrpcService>();
        return endpoints;
    }
}
