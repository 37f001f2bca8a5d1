using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Processes;

namespace Platform.Content.Tests;

/// <summary>Events published to Content's consumers, as the other services publish them.</summary>
public static class ConsumedEvents
{
    /// <summary>Publishes the events and waits until Content handled every one (its inbox holds each event id).</summary>
    public static async Task PublishAndWaitAsync(this ContentHost host, string bootstrapServers, params (string Topic, EventEnvelope Envelope)[] events)
    {
        foreach (var (topic, envelope) in events)
        {
            await KafkaMessages.ProduceAsync(bootstrapServers, topic, envelope);
        }

        var ids = events.Select(e => e.Envelope.EventId).ToList();
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = host.Service.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>().CountAsync(m => ids.Contains(m.EventId)) == ids.Count;
        }, TimeSpan.FromSeconds(60), "Content handling the events");
    }
}
