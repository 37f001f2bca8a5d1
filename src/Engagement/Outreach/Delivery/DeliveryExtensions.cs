namespace Platform.Engagement.Outreach.Delivery;

public static class DeliveryExtensions
{
    /// <summary>The delivery queue's worker, its settings (Engagement:Delivery) and metrics.</summary>
    public static IHostApplicationBuilder AddOutreachDelivery(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName)
            .Validate(o => o.MaxAttempts is >= 1 and <= 100, "Engagement:Delivery:MaxAttempts must be 1..100.")
            .Validate(o => o.BatchSize is >= 1 and <= 1000 && o.Concurrency is >= 1 and <= 100, "Engagement:Delivery: BatchSize must be 1..1000 and Concurrency 1..100.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero && o.RetryDelay >= TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay,
                "Engagement:Delivery: PollInterval and Lease must be positive, RetryDelay not negative and MaxRetryDelay at least RetryDelay.")
            .ValidateOnStart();
        builder.Services.AddSingleton<DeliveryTelemetry>();
        builder.Services.AddSingleton<DeliveryWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        return builder;
    }
}
