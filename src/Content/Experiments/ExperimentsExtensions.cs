using Platform.Content.Selection;

namespace Platform.Content.Experiments;

public static class ExperimentsExtensions
{
    /// <summary>Experiments: sticky assignment, the gate of their items, exposures, conversions and results.</summary>
    public static IHostApplicationBuilder AddExperiments(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ExperimentOptions>().BindConfiguration("Content:Experiments").ValidateOnStart()
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromHours(1), "Content:Experiments:ClockSkew must be between 0 and 1 hour");
        builder.Services.AddScoped<IExperimentGates, ExperimentGates>();
        builder.Services.AddScoped<ExperimentCounters>();
        builder.Services.AddScoped<ExperimentArms>();
        builder.Services.AddScoped<ExposureRecorder>();
        builder.Services.AddScoped<OutreachExposures>();
        return builder;
    }

    public static IEndpointRouteBuilder MapExperiments(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ExperimentGrpcService>();
        endpoints.MapGrpcService<ConversionGrpcService>();
        return endpoints;
    }
}
