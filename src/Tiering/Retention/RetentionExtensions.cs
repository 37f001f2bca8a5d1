using Microsoft.Extensions.Options;

namespace Platform.Tiering.Retention;

public static class RetentionExtensions
{
    /// <summary>Pruning of the asset facts no window can reach any more.</summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration("Tiering:Retention").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        builder.Services.AddScoped<FactRetention>();
        builder.Services.AddHostedService<FactRetentionWorker>();
        return builder;
    }
}
