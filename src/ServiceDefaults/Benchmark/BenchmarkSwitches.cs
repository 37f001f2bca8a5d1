using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Benchmark;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The benchmark-only switches of the services (a hop-chain phase measures a service that answers without its real
/// work): each is decided once at start, refused outside the Development environment (the one local mode and the
/// benchmarks run in), and said at start in the service's own log, so that nobody finds out from a client.
/// </summary>
public static class BenchmarkSwitches
{
    /// <summary>
    /// True when <paramref name="key"/> is on, after refusing it outside Development; <paramref name="consequence"/> says
    /// what goes wrong with it on ("every client would be shown the same feed"), in the refusal and in the warning.
    /// </summary>
    public static bool IsBenchmarkSwitchOn(this IHostApplicationBuilder builder, string key, string consequence)
    {
        if (!builder.Configuration.GetValue<bool>(key))
        {
            return false;
        }

        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException(
                $"{key}=true is refused in environment '{builder.Environment.EnvironmentName}': {consequence}. It exists for the "
                + "benchmark's hop-chain phase and works only when the environment is Development (DOTNET_ENVIRONMENT=Development); "
                + "remove the setting.");
        }

        builder.Services.AddHostedService(services =>
            new BenchmarkSwitchWarning(services.GetRequiredService<ILogger<BenchmarkSwitchWarning>>(), key, consequence));
        return true;
    }
}
