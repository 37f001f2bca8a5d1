using Platform.Onboarding.Funnel;

namespace Platform.Onboarding.Stalls;

public static class StallsExtensions
{
    public static IHostApplicationBuilder AddStalls(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StallOptions>().BindConfiguration("Onboarding:Timers")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize is > 0 and <= 10_000,
                "Onboarding:Timers:PollInterval must be positive and BatchSize between 1 and 10000.")
            .ValidateOnStart();
        builder.Services.AddSingleton<StallTelemetry>();
        builder.Services.AddScoped<TimerScheduler>();
        builder.Services.AddSingleton<IStepBatchRows, StallTimerRows>();
        builder.Services.AddSingleton<TimerWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerWorker>());
        return builder;
    }
}
