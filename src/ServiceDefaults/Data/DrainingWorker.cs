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

    /// <summary>Loops running rounds at the same time, numbered from 0; one unless the worker says otherwise.</summary>
    protected virtual int Loops => 1;

    /// <summary>One round of loop <paramref name="loop"/> (a loop may keep state of its own); true when it filled its batch, so more may be waiting.</summary>
    protected abstract Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken);

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Loops).Select(loop => DrainAsync(loop, stoppingToken)));

    private async Task DrainAsync(int loop, CancellationToken stoppingToken)
    {
        await database.WhenReady.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await DrainOnceAsync(loop, stoppingToken);
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
