namespace Platform.Engagement.Advisor;

public static class AdvisorExtensions
{
    public static IHostApplicationBuilder AddAdvisorTasks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AdvisorOptions>().BindConfiguration(AdvisorOptions.SectionName)
            .Validate(o => o.CountInterval > TimeSpan.Zero, "Engagement:Advisor:CountInterval must be positive.").ValidateOnStart();
        builder.Services.AddSingleton<AdvisorTelemetry>();
        builder.Services.AddHostedService<OverdueTaskCounter>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAdvisorTasks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<AdvisorTaskGrpcService>();
        return endpoints;
    }
}
