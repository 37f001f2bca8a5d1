using Platform.Messaging.Outbox;
using Platform.Messaging.TestWorker;
using Platform.TestSupport.Kafka;

namespace Platform.Messaging.Tests;

/// <summary>Writing counter events to a test host's outbox and describing them as <c>client:sequence</c>.</summary>
internal static class OutboxRows
{
    public static Task<int> WriteAsync(TestHost host, params (string Topic, string Client, long Sequence)[] events) =>
        WriteAsync(host, events.Select(e => (e.Topic, e.Client, e.Sequence, Padding: 0)).ToArray());

    /// <summary>Events in one transaction, each padded with <c>Padding</c> bytes (a large event makes a produce request of its own).</summary>
    public static Task<int> WriteAsync(TestHost host, params (string Topic, string Client, long Sequence, int Padding)[] events) =>
        host.WithDbAsync(async db =>
        {
            foreach (var (topic, client, sequence, padding) in events)
            {
                var clientId = padding == 0 ? client : client + new string(' ', padding);
                db.AddOutboxEvent(topic, client, new CounterIncremented { ClientId = clientId, Sequence = sequence }, DateTimeOffset.UtcNow);
            }

            return await db.SaveChangesAsync();
        });

    public static string Describe(ConsumedMessage message) => $"{message.Key}:{CounterIncremented.Parser.ParseFrom(message.Value).Sequence}";

    public static string Describe(OutboxMessage row) => $"{row.MessageKey}:{Sequence(row)}";

    public static long Sequence(OutboxMessage row) => CounterIncremented.Parser.ParseFrom(row.Payload).Sequence;

    /// <summary>The messages of one client, in the order consumed.</summary>
    public static IEnumerable<string> Of(this IEnumerable<ConsumedMessage> messages, string client) =>
        messages.Select(Describe).Where(d => d.StartsWith(client + ":", StringComparison.Ordinal));
}
