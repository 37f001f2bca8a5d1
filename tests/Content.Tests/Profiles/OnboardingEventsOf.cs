using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Profiles;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Processes;

namespace Platform.Content.Tests.Profiles;

/// <summary>Onboarding's events for one client as Content receives them, on a broker of the test's choosing.</summary>
public static class OnboardingEventsOf
{
    /// <summary>The client's assessment as Onboarding publishes it: a risk_assessed step with its level and its sequence.</summary>
    public static StepRecorded Assessed(string clientId, string level, long sequence) => new()
    {
        ClientId = clientId, Step = ProfileFactsHandler.RiskAssessedStep, RiskLevel = level, RiskLevelSequence = sequence,
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
    };

    /// <summary>Publishes the client's events in order on onboarding.events and waits until Content (<paramref name="host"/>'s database) handled them.</summary>
    public static async Task PublishAndWaitAsync(string bootstrapServers, ContentHost host, string clientId, params IMessage[] messages)
    {
        var ids = new List<Guid>();
        foreach (var message in messages)
        {
            var envelope = EventEnvelope.Create(clientId, message, DateTimeOffset.UtcNow);
            await KafkaMessages.ProduceAsync(bootstrapServers, Topics.OnboardingEvents, envelope);
            ids.Add(envelope.EventId);
        }

        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = host.Service.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>().CountAsync(m => ids.Contains(m.EventId)) == ids.Count;
        }, TimeSpan.FromSeconds(60), $"Content handling {clientId}'s events");
    }
}
