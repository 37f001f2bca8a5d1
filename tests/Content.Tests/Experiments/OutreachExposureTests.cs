using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Platform.Content.Grpc;
using Platform.Engagement.Events;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using ExperimentExposure = Platform.Content.Experiments.ExperimentExposure;

namespace Platform.Content.Tests.Experiments;

/// <summary>
/// Experiments over outreach words: a sent outreach whose words are an arm is the client's exposure to it (served = sent),
/// recorded from Engagement's OutreachDecided on engagement.events.
/// </summary>
public sealed class OutreachExposureTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ExperimentScenario scenario = null!;

    private ContentHost Host => scenario.Host;

    public async ValueTask InitializeAsync()
    {
        scenario = await ExperimentScenario.StartAsync(postgres, redis, broker, "outreach-exposures");
        await PushCopy.CreateAsync(Host);
    }

    public ValueTask DisposeAsync() => scenario.DisposeAsync();

    private async Task<ExperimentArm> WordsForAsync(string clientId)
    {
        var reply = await Host.Selection.SelectContentAsync(new SelectContentRequest { ClientId = clientId, Moment = PushCopy.Moment, Channel = PushCopy.Channel });
        Assert.True(reply.Found);
        return Assert.IsType<ExperimentArm>(reply.Item.Experiment);
    }

    private Task<int> ExposuresOfAsync(string clientId) =>
        scenario.WithDatabaseAsync(db => db.Set<ExperimentExposure>().CountAsync(e => e.ClientId == clientId));

    [Fact]
    public async Task ASentOutreachIsOneExposureOfItsVariantOnceAndALaterConversionCounts()
    {
        const string client = "o-sent";
        var arm = await WordsForAsync(client);
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-5);

        await Host.PublishAndWaitAsync(broker.BootstrapServers, (Topics.EngagementEvents, PushCopy.Decided(client, "sent", arm, sentAt)));
        // The same decision again under another event id (published twice): the first exposure stays the only one.
        await Host.PublishAndWaitAsync(broker.BootstrapServers, (Topics.EngagementEvents, PushCopy.Decided(client, "sent", arm, sentAt.AddMinutes(1))));

        // Counted per client: every host on the shared broker also reads the other tests' decisions about their own clients.
        Assert.Equal(1, await ExposuresOfAsync(client));
        Assert.True(Assert.Single((await scenario.ResultsAsync("push-copy")).Variants, v => v.Name == arm.Variant).Exposures >= 1);
        var exposedAt = await scenario.WithDatabaseAsync(db => db.Set<ExperimentExposure>().Where(e => e.ClientId == client).Select(e => e.FirstExposedAt).SingleAsync());
        Assert.Equal(Platform.ServiceDefaults.Time.StoredTime.Of(sentAt), exposedAt);

        Assert.True((await scenario.ConvertAsync(client, DateTimeOffset.UtcNow, experimentKey: "push-copy")).Counted);
        Assert.True(await ConvertedAsync(client));
    }

    private Task<bool> ConvertedAsync(string clientId) =>
        scenario.WithDatabaseAsync(db => db.Set<ExperimentExposure>().AnyAsync(e => e.ClientId == clientId && e.ConvertedAt != null));

    [Fact]
    public async Task AConversionReportedBeforeContentHearsOfTheSentOutreachCountsOnceItDoes()
    {
        // The client sees the push at once; Content hears of it after Engagement's outbox, Kafka and a consumer poll. A
        // conversion in between is kept (the client holds the arm), and counted when the exposure, dated at the decision,
        // arrives.
        const string client = "o-quick";
        var arm = await WordsForAsync(client);
        var sentAt = DateTimeOffset.UtcNow.AddMinutes(-1);

        Assert.False((await scenario.ConvertAsync(client, DateTimeOffset.UtcNow, experimentKey: "push-copy")).Counted);
        await Host.PublishAndWaitAsync(broker.BootstrapServers, (Topics.EngagementEvents, PushCopy.Decided(client, "sent", arm, sentAt)));

        Assert.Equal((1, true), (await ExposuresOfAsync(client), await ConvertedAsync(client)));
        Assert.True(Assert.Single((await scenario.ResultsAsync("push-copy")).Variants, v => v.Name == arm.Variant).Conversions >= 1);
    }

    [Fact]
    public async Task AnOutreachSentBeforeTheStopCountsWhenContentReadsItAfterAndOneSentAfterTheStopDoesNot()
    {
        var (before, after) = ("o-before-stop", "o-after-stop");
        var (armBefore, armAfter) = (await WordsForAsync(before), await WordsForAsync(after));
        var sentBefore = DateTimeOffset.UtcNow.AddMinutes(-1);
        var stopping = await Host.Experiments.GetExperimentAsync(new GetExperimentRequest { Key = PushCopy.Key });
        stopping.Status = "stopped";
        await Host.Experiments.UpdateExperimentAsync(stopping);

        await Host.PublishAndWaitAsync(broker.BootstrapServers,
            (Topics.EngagementEvents, PushCopy.Decided(before, "sent", armBefore, sentBefore)),
            (Topics.EngagementEvents, PushCopy.Decided(after, "sent", armAfter, DateTimeOffset.UtcNow.AddMinutes(1))));

        Assert.Equal((1, 0), (await ExposuresOfAsync(before), await ExposuresOfAsync(after)));
    }

    [Fact]
    public async Task OtherDecisionsNoExperimentAndUnknownArmsRecordNothing()
    {
        const string client = "o-not-sent";
        var arm = await WordsForAsync(client);
        var now = DateTimeOffset.UtcNow;

        await Host.PublishAndWaitAsync(broker.BootstrapServers,
            (Topics.EngagementEvents, PushCopy.Decided(client, "suppressed", arm, now)),
            (Topics.EngagementEvents, PushCopy.Decided(client, "deferred", arm, now)),
            (Topics.EngagementEvents, PushCopy.Decided(client, "sent", null, now)),
            (Topics.EngagementEvents, PushCopy.Decided(client, "sent", new ExperimentArm { Key = "no-such-copy", Variant = "b" }, now)),
            (Topics.EngagementEvents, PushCopy.Decided(client, "sent", new ExperimentArm { Key = "push-copy", Variant = "no-such-arm" }, now)),
            (Topics.EngagementEvents, PushCopy.Decided(client, "sent", new ExperimentArm { Key = "push-copy", Variant = arm.Variant == "b" ? "control" : "b" }, now)));

        Assert.Equal(0, await ExposuresOfAsync(client));
    }
}
