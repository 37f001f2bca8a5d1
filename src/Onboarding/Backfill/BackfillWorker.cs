using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Data;

namespace Platform.Onboarding.Backfill;

/// <summary>
/// Runs the backfills once the database is migrated, beside the step path rather than before it (the
/// start-up migrations used to hold every touched funnel's row lock until they committed). A failed
/// pass is tried again after <see cref="BackfillOptions.RetryDelay"/>, from the start: what it filled
/// stays filled and is skipped.
/// </summary>
public sealed partial class BackfillWorker(IServiceScopeFactory scopes, IDatabaseReadiness database, IOptions<BackfillOptions> options,
    TimeProvider time, ILogger<BackfillWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WhenReady.WaitAsync(stoppingToken);
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<FunnelDatesBackfill>().RunAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, options.Value.RetryDelay);
            }

            await Task.Delay(options.Value.RetryDelay, time, stoppingToken);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "A backfill failed; trying again in {Delay}")]
    private static partial void LogFailed(ILogger logger, Exception exception, TimeSpan delay);
}
