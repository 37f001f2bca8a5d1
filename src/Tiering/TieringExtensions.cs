using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Onboarding.Events;
using Platform.Tiering.Assets;
using Platform.Tiering.Benefits;
using Platform.Tiering.Retention;
using Platform.Tiering.Tiers;

namespace Platform.Tiering;

public static class TieringExtensions
{
    public const string DatabaseName = "tieringdb";
    public const string ConsumerGroup = "tiering";

    public static IHostApplicationBuilder AddTiering(this IHostApplicationBuilder builder)
    {
        builder.AddServiceInfrastructure<TieringDbContext>(DatabaseName)
            .AddConsumer<TieringDbContext>(ConsumerGroup, consumer => consumer
                .Handle<AccountApproved, AccountApprovedHandler>(Topics.OnboardingEvents)
                .Handle<AssetsSnapshot, AssetActivityHandler>(Topics.ActivityEvents)
                .Handle<Deposit, AssetActivityHandler>(Topics.ActivityEvents)
                .Handle<Withdrawal, AssetActivityHandler>(Topics.ActivityEvents)
                .Handle<TransferOut, AssetActivityHandler>(Topics.ActivityEvents));
        builder.Services.AddOptions<TieringOptions>().BindConfiguration("Tiering")
            .Validate(o => o.TableCacheTime >= TimeSpan.Zero, "Tiering:TableCacheTime must not be negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<ReviewSchedule>().BindConfiguration("Tiering:Review")
            .Validate(o => o.IsValid, "Tiering:Review:DayOfMonth must be between 1 and 28.")
            .ValidateOnStart();
        builder.Services.AddOptions<SweepOptions>().BindConfiguration("Tiering:Sweep")
            // Every client of a batch holds an advisory lock until commit; PostgreSQL's shared lock table holds
            // about 6,400 by default, and "out of shared memory" was seen at ~30,000 held at once.
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.BatchSize > 0 && o.Concurrency is > 0 and <= 16 && o.BatchSize * o.Concurrency <= 4_000,
                "Tiering:Sweep:PollInterval must be positive, Concurrency between 1 and 16, and BatchSize x Concurrency between 1 and 4000.")
            .ValidateOnStart();
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration("Tiering:Retention")
            .Validate(o => o.KeepDays >= RetentionOptions.MinimumKeepDays && o.Interval > TimeSpan.Zero && o.BatchSize is > 0 and <= 100_000,
                $"Tiering:Retention:KeepDays must be at least {RetentionOptions.MinimumKeepDays}, Interval positive, BatchSize 1..100000.")
            .ValidateOnStart();
        builder.Services.AddScoped<FactRetention>();
        builder.Services.AddHostedService<FactRetentionWorker>();
        builder.Services.AddSingleton<TierSweepWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TierSweepWorker>());
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TieringTelemetry>();
        builder.Services.AddSingleton<TierCache>();
        builder.Services.AddScoped<TierTableStore>();
        builder.Services.AddScoped<TierRecalculator>();
        builder.Services.AddScoped<TierReader>();
        builder.Services.AddSingleton<BenefitCache>();
        builder.Services.AddScoped<BenefitStore>();
        builder.Services.AddScoped<ClientBenefitsReader>();
        builder.Services.AddScoped<BenefitRedeemer>();
        return builder;
    }

    public static WebApplication MapTiering(this WebApplication app)
    {
        app.MapGrpcService<TierGrpcService>();
        app.MapGrpcService<TierConfigGrpcService>();
        app.MapGrpcService<BenefitsGrpcService>();
        app.MapGrpcService<BenefitCatalogGrpcService>();
        return app;
    }
}
