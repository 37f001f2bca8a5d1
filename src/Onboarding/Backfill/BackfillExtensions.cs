using Microsoft.Extensions.Options;

namespace Platform.Onboarding.Backfill;

public static class BackfillExtensions
{
    public static IHostApplicationBuilder AddBackfill(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BackfillOptions>().BindConfiguration("Onboarding:Backfill").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<BackfillOptions>, BackfillOptionsValidator>();
        builder.Services.AddScoped<FunnelDatesBackfill>();
        builder.Services.AddHostedService<BackfillWorker>();
        return builder;
    }
}
