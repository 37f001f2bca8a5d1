using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Platform.Messaging.Envelope;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>
/// Through the service: one random stream of a client's events, published for several clients in date order and in random
/// orders with random redeliveries (the same event again, on its topic), ends in the same row and stage for each (the next
/// check aside, which may come early), and in the state the fold gives in date order (<see cref="FoldingOrderTests.Fold"/>): the batch path (locks, EF's arrays and
/// numerics, the inbox) keeps what the fold promises.
/// </summary>
public sealed class EventOrderPropertyTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    [Fact]
    public async Task RedeliveredAndReorderedEventsLeaveTheSameRowAndStage()
    {
        await using var service = await LifecycleHost.StartAsync(postgres, redis, broker, new FakeTimeProvider(LifecycleHost.T0));
        var lifecycle = new LifecycleDriver(service, broker.BootstrapServers);
        await EventTapes.Tapes.Select(Gen.Int).SampleAsync(async (tape, seed) =>
        {
            var events = EventTapes.Decode(tape);
            var expected = FoldingOrderTests.FoldState(events.OrderBy(e => e.At).ToList());
            var random = new Random(seed);
            var clients = Enumerable.Range(0, 3).Select(_ => LifecycleDriver.NewClientId()).ToList();
            var published = new List<(string Topic, EventEnvelope Envelope)>();
            var deliveries = new List<(string Topic, EventEnvelope Envelope)>();
            for (var variant = 0; variant < clients.Count; variant++)
            {
                var envelopes = events.Select(e => (e.Topic, Envelope: e.Envelope(clients[variant]))).ToList();
                deliveries.AddRange(variant == 0 ? envelopes.OrderBy(e => e.Envelope.OccurredAt)
                    : envelopes.Concat(envelopes.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()));
                published.AddRange(envelopes);
            }

            await lifecycle.PublishAsync(deliveries);
            await lifecycle.WaitUntilHandledAsync(published.Select(p => p.Envelope));
            foreach (var clientId in clients)
            {
                var stored = (await lifecycle.StateAsync(clientId))!;
                Assert.Equal(StateDescription.Of(expected, nextCheck: false), StateDescription.Of(stored, nextCheck: false));
                // A next check kept from an earlier order of the events may come early (the sweeper then finds nothing to change
                // and stores the next one), never late, and never missing where time alone will change the stage.
                Assert.True(stored.NextCheckAt == expected.NextCheckAt
                    || stored.NextCheckAt > LifecycleHost.T0 && (expected.NextCheckAt is null || stored.NextCheckAt < expected.NextCheckAt),
                    $"next check {stored.NextCheckAt:O}, the fold's {expected.NextCheckAt:O}");
            }
        }, iter: 25, threads: 2, print: t => string.Join(", ", EventTapes.Decode(t.Item1)));
    }
}
