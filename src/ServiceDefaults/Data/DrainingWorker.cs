using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// A background worker that drains work kept in the database (due timers, pending increments):
/// once the schema is ready it runs rounds back to back while they come back full, and pauses
/// between rounds when they do not. A failed round is logged and retried after the pause; the
/// work stays in the database, so nothing is lost.
/// </summary>
public abstract partial class DrainingWorker(IDatabaseReadiness database, ILogger logger) : BackgroundService
{
    /// <summary>The pause after a round that did not fill its batch.</summary>
    protected abstract TimeSpan Pause { get; }

    /// <summary>The clock of the pause: business time where tests fake it, the system clock for pacing only.</summary>
    protected abstract TimeProvider PauseClock { get; }

    /// <summary>What the worker drains, for its log lines.</summary>
    protected abstract string WorkName { get; }

    /// <summary>One round; true when it filled its batch, so more may be waiting.</summary>
    protected abstract Task<bool> DrainOnceAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => DrainAsync(DrainOnceAsync, stoppingToken);

    /// <summary>
    /// The rounds of one loop. A worker that drains with several loops at once, each with state of
    /// its own, overrides <see cref="ExecuteAsync"/> and runs this once per loop.
    /// </summary>
    protected async Task DrainAsync(Func<CancellationToken, Task<bool>> drainOnce, CancellationToken stoppingToken)
    {
        await database.WhenReady.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await drainOnce(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, ex, WorkName);
            }

            if (!full)
            {
                await Task.Delay(Pause, PauseClock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Draining {Work} failed; retrying after the pause")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string work);
}
