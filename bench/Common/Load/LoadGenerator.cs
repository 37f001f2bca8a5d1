using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Platform.Bench.Common.Load;

/// <summary>
/// A closed-loop load generator: N workers, each on its own HTTP/1.1 connection, each sending
/// its next request as soon as the previous answer arrived (like wrk). Closed loop means latency
/// under overload shows up as lower throughput rather than as a queue; p99 is that of a client
/// that waits for its answer, which is what an app does.
/// </summary>
public static class LoadGenerator
{
    /// <param name="sources">One per connection: what each worker sends (<see cref="LoadSettings.Connections"/> of them).</param>
    public static async Task<LoadResult> RunAsync(LoadTarget target, LoadSettings settings, IReadOnlyList<IRequestSource> sources,
        IWindowProbe? probe, CancellationToken cancellationToken)
    {
        using var http = CreateClient(target, settings.Connections);
        var started = Stopwatch.GetTimestamp();
        var windowStart = started + Ticks(settings.Warmup);
        var windowEnd = windowStart + Ticks(settings.Duration);

        var workers = sources.Select(source => new Worker(source, target.SuccessStatus)).ToArray();
        var running = workers.Select(w => Task.Run(() => w.RunAsync(http, windowStart, windowEnd, cancellationToken), cancellationToken)).ToList();
        try
        {
            await ObserveWindowAsync(probe, windowStart, windowEnd, cancellationToken);
        }
        finally
        {
            // Also when stopped: no worker may still use the client when it is disposed.
            await Task.WhenAll(running).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        var latency = new LatencyHistogram();
        var outcomes = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            latency.Add(worker.Latency);
            foreach (var (outcome, count) in worker.Outcomes)
            {
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + count;
            }
        }

        return new LoadResult(target.Name, settings, workers.Sum(w => w.Ok), workers.Sum(w => w.Failed), latency, outcomes,
            workers.Sum(w => w.Sent), workers.Sum(w => w.Succeeded), DateTimeOffset.UtcNow);
    }

    /// <summary>One connection per worker, kept for the whole phase: connection setup is not what is measured.</summary>
    private static HttpClient CreateClient(LoadTarget target, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var http = new HttpClient(handler)
        {
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (target.BearerToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.BearerToken);
        }

        return http;
    }

    private static async Task ObserveWindowAsync(IWindowProbe? probe, long windowStart, long windowEnd, CancellationToken cancellationToken)
    {
        await Task.Delay(Remaining(windowStart), cancellationToken);
        if (probe is not null)
        {
            await probe.WindowStartedAsync();
        }

        await Task.Delay(Remaining(windowEnd), cancellationToken);
        if (probe is not null)
        {
            await probe.WindowEndedAsync();
        }
    }

    private static TimeSpan Remaining(long timestamp) =>
        TimeSpan.FromTicks(Math.Max(0, (timestamp - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private sealed class Worker(IRequestSource source, string successStatus)
    {
        public LatencyHistogram Latency { get; } = new();

        public Dictionary<string, long> Outcomes { get; } = [];

        public long Ok { get; private set; }

        public long Failed { get; private set; }

        public long Sent { get; private set; }

        public long Succeeded { get; private set; }

        public async Task RunAsync(HttpClient http, long windowStart, long windowEnd, CancellationToken cancellationToken)
        {
            while (Stopwatch.GetTimestamp() < windowEnd && !cancellationToken.IsCancellationRequested)
            {
                using var request = source.Next();
                var sent = Stopwatch.GetTimestamp();
                var outcome = await SendAsync(http, request, cancellationToken);
                var answered = Stopwatch.GetTimestamp();
                if (outcome is null)
                {
                    return;   // cancelled: the run is stopping
                }

                source.Answered(outcome);
                Sent++;
                var succeeded = outcome == successStatus;
                Succeeded += succeeded ? 1 : 0;
                Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
                if (answered >= windowStart && answered <= windowEnd)
                {
                    Latency.RecordTicks(answered - sent);
                    Ok += succeeded ? 1 : 0;
                    Failed += succeeded ? 0 : 1;
                }
            }
        }

        /// <summary>The status code as text, or the failure's kind; null when the run was cancelled.</summary>
        private static async Task<string?> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                // The answer is read to its end: a client needs the whole body before it can go on.
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (TaskCanceledException)
            {
                return "timeout (30 s)";
            }
            catch (HttpRequestException ex)
            {
                return $"{nameof(HttpRequestException)} ({ex.HttpRequestError})";
            }
        }
    }
}
