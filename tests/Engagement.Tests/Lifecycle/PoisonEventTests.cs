using Microsoft.Extensions.Time.Testing;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Engagement.Tests.Lifecycle.LifecycleEvents;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>A broken event among good ones: the batch seam isolates it, the others are applied, it alone is dead-lettered.</summary>
public sealed class PoisonEventTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = LifecycleHost.T0;

    [Fact]
    public async Task ASnapshotWithAnImpossibleDateIsDeadLetteredAloneAndTheRestOfItsBatchIsApplied()
    {
        var (poisoned, neighbour) = (LifecycleDriver.NewClientId(), LifecycleDriver.NewClientId());
        var poison = Snapshot("2026-13-45", 100_000m, 60_000m, T0.AddHours(-2)).Envelope(poisoned);
        // Published before the service starts, so that its consumer finds them all waiting and takes them in one poll.
        List<(string, EventEnvelope)> events =
        [
            (Topics.ActivityEvents, Login(T0.AddHours(-3)).Envelope(poisoned)),
            (Topics.ActivityEvents, Login(T0.AddHours(-3)).Envelope(neighbour)),
            (Topics.ActivityEvents, poison),
            (Topics.ActivityEvents, Deposit(T0.AddHours(-1), 30_000m).Envelope(poisoned)),
            (Topics.ActivityEvents, Snapshot(Day(T0), 50_000m, 50_000m, T0).Envelope(neighbour)),
        ];
        foreach (var (topic, envelope) in events)
        {
            await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, envelope);
        }

        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(T0));
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        await lifecycle.WaitUntilHandledAsync(events.Select(e => e.Item2).Where(e => e != poison));

        var dead = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, Topics.DeadLetterOf(Topics.ActivityEvents), 1, TimeSpan.FromSeconds(60),
            m => m.Header(EnvelopeHeaders.EventId) == poison.EventId.ToString());
        Assert.Contains("2026-13-45", dead[0].Header(EnvelopeHeaders.DeadLetterError));
        var state = (await lifecycle.StateAsync(poisoned))!;
        Assert.Equal((T0.AddHours(-3), T0.AddHours(-1), null, null), (state.LastLoginAt, state.FirstDepositAt, state.SnapshotDate, state.TotalAssets));
        var other = (await lifecycle.StateAsync(neighbour))!;
        Assert.Equal((T0.AddHours(-3), 50_000m, 1), (other.LastLoginAt, other.TotalAssets, other.IdleCashDays));
    }
}
