namespace Platform.Onboarding.Reports;

public static class ReportsExtensions
{
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ReportsTelemetry>();
        builder.Services.AddScoped<FunnelReportProjection>();
        builder.Services.AddScoped<FunnelReportReader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ReportGrpcService>();
        return endpoints;
    }
}
