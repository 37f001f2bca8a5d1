using Google.Protobuf.WellKnownTypes;
using Platform.Content.Grpc;
using Platform.Engagement.Events;
using Platform.Messaging.Envelope;

namespace Platform.Content.Tests.Experiments;

/// <summary>An experiment over outreach words (push-copy: two push items of one moment) and Engagement's decisions on them.</summary>
public static class PushCopy
{
    public const string Moment = "M96"; // no seeded words: the experiment's arms are the only ones

    public const string Channel = "push";

    public const string Key = "push-copy";

    /// <summary>Two push words for one moment, the arms of experiment push-copy.</summary>
    public static async Task CreateAsync(ContentHost host)
    {
        foreach (var itemId in new[] { "push-a", "push-b" })
        {
            var words = ExperimentScenario.Item(itemId);
            words.Moments.Add(Moment);
            words.Channels.Add(Channel);
            await host.Catalog.CreateItemAsync(words);
        }

        await host.Experiments.CreateExperimentAsync(ExperimentScenario.Welcome(key: Key, control: "push-a", b: "push-b"));
    }

    /// <summary>Engagement's decision on an outreach whose words are <paramref name="arm"/>.</summary>
    public static EventEnvelope Decided(string clientId, string decision, ExperimentArm? arm, DateTimeOffset decidedAt) =>
        EventEnvelope.Create(clientId, new OutreachDecided
        {
            InstanceKey = $"{Moment}:{clientId}:1", ClientId = clientId, Moment = Moment, RuleVersion = 1, Decision = decision, Channel = Channel,
            ItemId = arm is null ? "" : arm.Variant == "control" ? "push-a" : "push-b", FiredAt = Timestamp.FromDateTimeOffset(decidedAt),
            DecidedAt = Timestamp.FromDateTimeOffset(decidedAt), ExperimentKey = arm?.Key ?? "", Variant = arm?.Variant ?? "",
        }, decidedAt);
}
