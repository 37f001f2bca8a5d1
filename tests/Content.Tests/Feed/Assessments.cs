using Google.Protobuf.WellKnownTypes;
using Platform.Content.Profiles;
using Platform.Content.Tests.Profiles;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;

namespace Platform.Content.Tests.Feed;

/// <summary>Onboarding's risk assessments as Content receives them: on onboarding.events, through DevBroker.</summary>
public static class Assessments
{
    /// <summary>Publishes the client's assessment and waits until Content (any replica on <paramref name="host"/>'s database) handled it.</summary>
    public static Task PublishAndWaitAsync(DevBrokerFixture broker, ContentHost host, string clientId, string level, DateTimeOffset? at = null) =>
        OnboardingEventsOf.PublishAndWaitAsync(broker.BootstrapServers, host, clientId, new StepRecorded
        {
            ClientId = clientId, Step = ProfileFactsHandler.RiskAssessedStep, RiskLevel = level, OccurredAt = Timestamp.FromDateTimeOffset(at ?? DateTimeOffset.UtcNow),
        });
}
