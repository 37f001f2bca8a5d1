using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Consuming;

namespace Platform.Messaging.TestWorker;

/// <summary>Test knobs: which messages fail, and how long each takes.</summary>
public sealed class HandlerBehaviour
{
    public Func<CounterIncremented, bool> FailWhen { get; set; } = _ => false;

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The most batches the batch handler has had under way at once (members of a group side by side).</summary>
    public int MostAtOnce => mostAtOnce;

    private int atOnce;
    private int mostAtOnce;

    /// <summary>Counts a batch under way until the returned scope ends.</summary>
    public IDisposable BatchUnderWay()
    {
        var now = Interlocked.Increment(ref atOnce);
        for (var most = mostAtOnce; now > most; most = mostAtOnce)
        {
            Interlocked.CompareExchange(ref mostAtOnce, now, most);
        }

        return new UnderWay(this);
    }

    private sealed class UnderWay(HandlerBehaviour behaviour) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref behaviour.atOnce);
    }

    /// <summary>Work registered on <see cref="Consuming.AfterCommit"/> for every event, given the token the host passes it.</summary>
    public Func<CancellationToken, Task>? AfterCommit { get; set; }

    /// <summary>What happened, in order: the batch handler adds its committed batches; a test may add what it observes.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Journal { get; } = new();
}

/// <summary>Applies each event as a non-idempotent increment plus a log row; only the inbox stops a replay from counting twice.</summary>
public sealed class CountingHandler(TestDbContext db, HandlerBehaviour behaviour, AfterCommit afterCommit) : IEventHandler<CounterIncremented>
{
    public async Task HandleAsync(CounterIncremented message, EventContext context, CancellationToken cancellationToken)
    {
        if (behaviour.FailWhen(message))
        {
            throw new InvalidOperationException($"Refusing sequence {message.Sequence}.");
        }

        if (behaviour.Delay > TimeSpan.Zero)
        {
            await Task.Delay(behaviour.Delay, cancellationToken);
        }

        if (behaviour.AfterCommit is { } after)
        {
            afterCommit.Add(after);
        }

        db.Applications.Add(new Application { EventId = context.EventId, ClientId = message.ClientId, Sequence = message.Sequence });
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO counters (client_id, value) VALUES ({message.ClientId}, 1) ON CONFLICT (client_id) DO UPDATE SET value = counters.value + 1",
            cancellationToken);
    }
}
