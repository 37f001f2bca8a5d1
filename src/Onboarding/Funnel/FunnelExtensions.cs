using Microsoft.Extensions.Options;
using Platform.Onboarding.Progress;

namespace Platform.Onboarding.Funnel;

public static class FunnelExtensions
{
    public static IHostApplicationBuilder AddFunnel(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FunnelOptions>().BindConfiguration("Onboarding:Funnel").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<FunnelOptions>, FunnelOptionsValidator>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<FunnelTelemetry>();
        builder.Services.AddScoped<FunnelDefinitionStore>();
        builder.Services.AddScoped<ProgressCache>();
        builder.Services.AddScoped<IAfterStepsCommitted, ProgressRefresh>();
        builder.Services.AddScoped<FunnelStore>();
        builder.Services.AddSingleton<IStepBatchRows, FunnelRows>();
        builder.Services.AddSingleton<IStepBatchRows, OutboxRows>();
        builder.Services.AddSingleton<StepBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StepBatcher>());
        builder.Services.AddSingleton<IStepRecorder>(sp => sp.GetRequiredService<StepBatcher>());
        return builder;
    }

    public static IEndpointRouteBuilder MapFunnel(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<FunnelGrpcService>();
        endpoints.MapGrpcService<FunnelConfigGrpcService>();
        return endpoints;
    }
}
