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

namespace Platform.Content.Tests.Feed;

/// <summary>Onboarding's risk assessments as Content receives them: on onboarding.events, through DevBroker.</summary>
public static class Assessments
{
    /// <summary>Publishes the client's assessment and waits until Content (any replica on <paramref name="host"/>'s database) handled it.</summary>
    public static async Task PublishAndWaitAsync(DevBrokerFixture broker, ContentHost host, string clientId, string level, DateTimeOffset? at = null)
    {
        var envelope = EventEnvelope.Create(clientId, new StepRecorded
        {
            ClientId = clientId, Step = ProfileFactsHandler.RiskAssessedStep, RiskLevel = level, OccurredAt = Timestamp.FromDateTimeOffset(at ?? DateTimeOffset.UtcNow),
        }, DateTimeOffset.UtcNow);
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.OnboardingEvents, envelope);
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = host.Service.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<InboxMessage>().AnyAsync(m => m.EventId == envelope.EventId);
        }, TimeSpan.FromSeconds(60), "Content handling the assessment");
    }
}
