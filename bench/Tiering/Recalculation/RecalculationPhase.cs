using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Platform.Bench.Common.Delivery;
using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Tiering.Hosting;
using Platform.Bench.Tiering.Seeding;
using Platform.Messaging;

namespace Platform.Bench.Tiering.Recalculation;

/// <summary>
/// The recalculation phase: the sweep has finished the warm-up clients and their events left the
/// outbox; then the trigger, the wait until no client is due (polled every 250 ms), CPU over
/// exactly that window, and the outbox drain that follows.
/// </summary>
public sealed class RecalculationPhase(Infrastructure infrastructure, TieringServices services, SeedCalendar calendar, Action<string> progress,
    CancellationToken cancellationToken)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromMinutes(10);

    /// <summary>Waits until every client seeded so far is calculated and every event published: the quiet state before a trigger.</summary>
    public async Task WaitQuietAsync(string what)
    {
        var sweep = new SweepProgress(services.TieringDb, calendar.Today);
        var started = Stopwatch.StartNew();
        while (await sweep.CountDueAsync(cancellationToken) > 0)
        {
            ThrowAfter(started, Deadline, what);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        if ((await OutboxDrain.WaitAsync(services.TieringDb, DrainDeadline, cancellationToken)).DrainedAfter is null)
        {
            throw new TimeoutException($"Tiering's outbox did not drain within {DrainDeadline.TotalMinutes} min after {what}.");
        }

        progress($"{what}: done in {started.Elapsed.TotalSeconds:0.0} s");
    }

    public async Task<RecalculationResult> RunAsync(Trigger trigger, SeedResult seeded, ResourceProbe probe)
    {
        var historyBefore = await HistoryRowsAsync(seeded.Prefix);
        var offsetsBefore = TopicOffsets.Read(infrastructure.Kafka.BootstrapServers, Topics.TieringEvents, infrastructure.Kafka.Partitions);
        progress($"trigger ({trigger.ToString().ToLowerInvariant()}): every one of {seeded.Clients:N0} clients due");
        var triggerTook = await RecalculationTrigger.FireAsync(trigger, services.TieringDb, seeded.Prefix, calendar, services.GatewayUrl,
            services.OperatorToken, cancellationToken);
        var started = Stopwatch.StartNew();
        await probe.WindowStartedAsync();
        await WaitSweptAsync(seeded, started);
        var elapsed = started.Elapsed;
        await probe.WindowEndedAsync();
        progress($"every client recalculated in {elapsed.TotalSeconds:0.0} s; waiting for the outbox to drain");

        var (backlog, drained) = await OutboxDrain.WaitAsync(services.TieringDb, DrainDeadline, cancellationToken);
        var offsetsAfter = TopicOffsets.Read(infrastructure.Kafka.BootstrapServers, Topics.TieringEvents, infrastructure.Kafka.Partitions);
        var events = EventCounter.Count(infrastructure.Kafka.BootstrapServers, offsetsBefore, offsetsAfter, seeded.Prefix, TimeSpan.FromMinutes(2),
            cancellationToken);
        return new RecalculationResult(trigger, seeded, triggerTook, elapsed, probe.Usage, await HistoryRowsAsync(seeded.Prefix) - historyBefore,
            backlog, drained, offsetsAfter.ProducedSince(offsetsBefore), offsetsAfter.DroppedSince(offsetsBefore), events);
    }

    /// <summary>Polls the sweep's position, printing progress every 5 s, until a full count finds no client due.</summary>
    private async Task WaitSweptAsync(SeedResult seeded, Stopwatch started)
    {
        var sweep = new SweepProgress(services.TieringDb, calendar.Today);
        var nextReport = TimeSpan.FromSeconds(5);
        while (true)
        {
            ThrowAfter(started, Deadline, "the recalculation");
            if (await sweep.NextDueAsync(cancellationToken) is not { } next)
            {
                if (await sweep.CountDueAsync(cancellationToken) == 0)
                {
                    return;
                }
            }
            else if (started.Elapsed >= nextReport)
            {
                var done = next.StartsWith(seeded.Prefix, StringComparison.Ordinal)
                    && long.TryParse(next.AsSpan(seeded.Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? position : 0;
                progress($"  {started.Elapsed.TotalSeconds:0} s: about {done:N0} of {seeded.Clients:N0} recalculated ({done / started.Elapsed.TotalSeconds:N0}/s)");
                nextReport += TimeSpan.FromSeconds(5);
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>History rows of the seeded clients (ids from the prefix on, below its next character): the warm-up clients' are not counted.</summary>
    private async Task<long> HistoryRowsAsync(string prefix)
    {
        await using var connection = new NpgsqlConnection(services.TieringDb);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tier_history WHERE client_id >= $1 AND client_id < $2", connection)
        {
            Parameters = { new() { Value = prefix }, new() { Value = RecalculationTrigger.After(prefix) } },
        };
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void ThrowAfter(Stopwatch started, TimeSpan deadline, string what)
    {
        if (started.Elapsed > deadline)
        {
            throw new TimeoutException($"{what} did not finish within {deadline.TotalMinutes} min.");
        }
    }
}
