using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Reports;

public static class ReportsExtensions
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ReportProjectionOptions>().BindConfiguration("Onboarding:Reports")
            .Validate(o => o.Interval > TimeSpan.Zero && o.Interval <= TimeSpan.FromSeconds(4) && o.BatchSize is > 0 and <= 100_000,
                "Onboarding:Reports:Interval must be positive and at most 4 s (the report may lag 5 s), BatchSize between 1 and 100000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ReportsTelemetry>();
        builder.Services.AddSingleton<ReportProjector>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReportProjector>());
        builder.Services.AddScoped<FunnelReportProjection>();
        builder.Services.AddSingleton<IStepBatchRows, ReportRows>();
        builder.Services.AddScoped<FunnelReportReader>();
        builder.Services.AddScoped<VariantReportReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ReportGrpcService>();
        return endpoints;
    }
}
