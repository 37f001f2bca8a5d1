using Platform.Engagement.Outreach.Decisions;
using Platform.Engagement.Outreach.Firing;

namespace Platform.Engagement.Outreach;

public static class OutreachExtensions
{
    /// <summary>Moments fired from consumed events and durable timers, and the decision worker.</summary>
    public static IHostApplicationBuilder AddOutreach(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutreachTelemetry>();
        builder.Services.AddOptions<FiringOptions>().BindConfiguration(FiringOptions.SectionName)
            .Validate(o => o.TimerPollInterval > TimeSpan.Zero && o.TimerBatchSize is > 0 and <= 10_000,
                "Engagement:Firing: TimerPollInterval must be positive and TimerBatchSize 1..10000.")
            .ValidateOnStart();
        builder.Services.AddScoped<OutreachFiring>();
        builder.Services.AddScoped<IClientFields, ClientFieldsReader>();
        builder.Services.AddScoped<IClientStandings, ClientStandings>();
        builder.Services.AddHostedService<MomentTimerWorker>();
        builder.AddOutreachDecisions();
        return builder;
    }
}
