using Microsoft.Extensions.Options;
using Platform.Messaging;
using Platform.Onboarding.Events;

namespace Platform.Tiering.Tiers;

public static class TiersExtensions
{
    /// <summary>The tier table, client tiers, their copies and the sweep that reviews and recalculates them.</summary>
    public static IHostApplicationBuilder AddTiers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TieringOptions>().BindConfiguration("Tiering").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TieringOptions>, TieringOptionsValidator>();
        builder.Services.AddOptions<ReviewSchedule>().BindConfiguration("Tiering:Review").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ReviewSchedule>, ReviewScheduleValidator>();
        builder.Services.AddOptions<SweepOptions>().BindConfiguration("Tiering:Sweep").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SweepOptions>, SweepOptionsValidator>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<TierCache>();
        builder.Services.AddScoped<TierTableStore>();
        builder.Services.AddScoped<TierRecalculator>();
        builder.Services.AddScoped<TierReader>();
        builder.Services.AddSingleton<TierSweepWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TierSweepWorker>());
        return builder;
    }

    /// <summary>An approval starts a client's tier (at V0, or from the facts that arrived before it).</summary>
    public static IEndpointRouteBuilder MapTiers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<TierGrpcService>();
        endpoints.MapGrpcService<TierConfigGrpcService>();
        return endpoints;
    }
}
