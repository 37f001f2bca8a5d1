using Google.Protobuf;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Activity.Events;
using Platform.Engagement.Events;
using Platform.Engagement.Grpc;
using Platform.Engagement.Outreach;
using Platform.Engagement.Policies;
using Platform.Engagement.Privacy.Grpc;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Events;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using ContentGrpc = Platform.Content.Grpc;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Events in, outreach out: the real Engagement (lifecycle, firing, decisions, delivery) asking the real Content for words,
/// on real PostgreSQL, Redis and DevBroker, on a fake clock set to a Shanghai afternoon (no quiet hours).
/// </summary>
public sealed class OutreachPipelineTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero));
    private PipelineHosts hosts = null!;

    public async ValueTask InitializeAsync() => hosts = await PipelineHosts.StartAsync("pipeline", postgres, redis, broker.BootstrapServers, clock);

    public ValueTask DisposeAsync() => hosts.DisposeAsync();

    [Fact]
    public async Task AnApprovedFundedClientGetsItsWelcomeAndFirstDepositMomentsOnceEachInItsInboxAndDelivered()
    {
        var clientId = Client(heldOut: false, "funded");
        await ProduceAsync(Topics.OnboardingEvents, new AccountApproved { ClientId = clientId, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) });
        await DecidedAsync(clientId, "M04");
        // Two deposits, the second redelivered too: one first deposit.
        var deposit = Envelope(new Deposit { ClientId = clientId, Amount = new DecimalValue { Units = 20_000 }, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) });
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.ActivityEvents, deposit, deposit,
            Envelope(new Deposit { ClientId = clientId, Amount = new DecimalValue { Units = 5_000 }, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) }));
        await DecidedAsync(clientId, "M06");

        var instances = await InstancesAsync(clientId);
        Assert.Equal([("M04", OutreachDecisions.Sent, "push"), ("M06", OutreachDecisions.Sent, "inbox")],
            instances.Where(i => i.Moment is "M04" or "M06").OrderBy(i => i.Moment).Select(i => (i.Moment, i.Decision, i.Channel)));
        var inbox = await new InboxService.InboxServiceClient(hosts.Engagement.CreateGrpcChannel(TestTokens.Client(clientId)))
            .ListInboxAsync(new ListInboxRequest { ClientId = clientId });
        Assert.Equal(["M04", "M06"], inbox.Items.Select(i => i.Moment).Order());
        Assert.All(inbox.Items, i => Assert.DoesNotContain("{{", i.Title + i.Body, StringComparison.Ordinal));
        // The push went out through the delivery queue (the recording adapter), once.
        await hosts.WhenAsync(async db => await db.OutreachInstances.AnyAsync(i => i.ClientId == clientId && i.Moment == "M04" && i.DeliveredAt != null),
            "M04's push delivered");
        await hosts.WithDbAsync(async db => Assert.Equal(1, await db.OutreachDeliveries.CountAsync(d => d.ClientId == clientId)));
    }

    [Fact]
    public async Task AFirstPurchaseOfAProductContentDoesNotKnowStillGetsItsWordsAndBlocksNoOtherDecision()
    {
        // The core systems name products by their own ids; Content's catalogue need not hold them, and answers InvalidArgument
        // when asked about one. The bench saw that instance fail its whole round again and again (issue 12, item 10).
        var buyer = Client(heldOut: false, "buyer");
        var other = Client(heldOut: false, "other");
        foreach (var client in new[] { buyer, other })
        {
            // Approved first: Content knows the client (its words name the stage) and the welcome is out of the way.
            await ProduceAsync(Topics.OnboardingEvents, new AccountApproved { ClientId = client, RiskLevel = "C3", OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) });
            await DecidedAsync(client, "M04");
        }

        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.ActivityEvents,
            Envelope(new ProductPurchase { ClientId = buyer, ProductId = "core-fund-00042", Amount = new DecimalValue { Units = 30_000 }, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) }),
            Envelope(new Trade { ClientId = other, Amount = new DecimalValue { Units = 8_000 }, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) }));

        var purchase = await DecidedAsync(buyer, "M08");
        var trade = await DecidedAsync(other, "M08");

        Assert.Equal((OutreachDecisions.Sent, null, "inbox"), (purchase.Decision, purchase.Reason, purchase.Channel));
        Assert.NotNull(purchase.ItemId);
        Assert.Equal((OutreachDecisions.Sent, null), (trade.Decision, trade.Reason));
    }

    [Fact]
    public async Task AClientErasedWhileItsRoundWaitsForWordsGetsNothingSentAndNoWordsKept()
    {
        // The round read the client's standing (not erased), then asks Content; the erasure commits meanwhile. The recording
        // takes the clients' locks (as the erasure does) and reads the erasures again (the review of issue 12 found the
        // round recording sent, an inbox message and a queued push for the erased client).
        var clientId = Client(heldOut: false, "erased-mid-round");
        var operators = new PrivacyService.PrivacyServiceClient(hosts.Engagement.CreateGrpcChannel(TestTokens.Operator()));
        var erasing = 0;
        // Only once the client's M04 is leased (claimed in a round that read its standing): the host also decides other
        // tests' clients (the broker is shared), whose Content calls may come first (CI on 14dd13a erased too early).
        hosts.ContentCalls.Before = async () =>
        {
            var leased = false;
            await hosts.WithDbAsync(async db => leased = await db.OutreachInstances.AnyAsync(i => i.ClientId == clientId && i.Moment == "M04"
                && i.Decision == OutreachDecisions.Pending && i.DecideAfter > clock.GetUtcNow()));
            if (leased && Interlocked.Exchange(ref erasing, 1) == 0)
            {
                await operators.EraseClientAsync(new EraseClientRequest { ClientId = clientId });
            }
        };
        await ProduceAsync(Topics.OnboardingEvents, new AccountApproved { ClientId = clientId, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) });

        var decided = await DecidedAsync(clientId, "M04");

        Assert.Equal((OutreachDecisions.Suppressed, OutreachReasons.Erased), (decided.Decision, decided.Reason));
        Assert.Null(decided.Title);
        await hosts.WithDbAsync(async db =>
        {
            Assert.False(await db.InboxEntries.AnyAsync(e => e.ClientId == clientId));
            Assert.False(await db.OutreachDeliveries.AnyAsync(d => d.ClientId == clientId));
        });
    }

    [Fact]
    public async Task AHeldOutClientIsSuppressedAndAnErasedClientGetsNoInstanceFromEventsInFlight()
    {
        var (heldOut, erased) = (Client(heldOut: true, "holdout"), Client(heldOut: false, "erased"));
        var operators = new PrivacyService.PrivacyServiceClient(hosts.Engagement.CreateGrpcChannel(TestTokens.Operator()));
        await operators.EraseClientAsync(new EraseClientRequest { ClientId = erased });
        var inFlight = Envelope(new AccountApproved { ClientId = erased, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) });
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.OnboardingEvents, inFlight);
        await ProduceAsync(Topics.OnboardingEvents, new AccountApproved { ClientId = heldOut, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) });

        var decided = await DecidedAsync(heldOut, "M04");

        Assert.Equal((OutreachDecisions.Suppressed, OutreachReasons.Holdout), (decided.Decision, decided.Reason));
        // The erased client's approval was consumed (it is in the lifecycle group's inbox) and fired nothing.
        await hosts.WhenAsync(async db => await db.Set<Messaging.Outbox.InboxMessage>().AnyAsync(m => m.EventId == inFlight.EventId), "the erased client's approval consumed");
        Assert.Empty(await InstancesAsync(erased));
        await hosts.WithDbAsync(async db => Assert.True((await db.ClientStates.AsNoTracking().SingleAsync(s => s.ClientId == erased)).Erased));
        // Its data routes answer NotFound (the gateway's 404).
        var inbox = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => new InboxService.InboxServiceClient(hosts.Engagement.CreateGrpcChannel(TestTokens.Client(erased)))
            .ListInboxAsync(new ListInboxRequest { ClientId = erased }).ResponseAsync);
        var audit = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => new OutreachAuditService.OutreachAuditServiceClient(
            hosts.Engagement.CreateGrpcChannel(TestTokens.Operator())).ListOutreachAsync(new ListOutreachRequest { ClientId = erased }).ResponseAsync);
        Assert.Equal((global::Grpc.Core.StatusCode.NotFound, global::Grpc.Core.StatusCode.NotFound), (inbox.StatusCode, audit.StatusCode));
    }

    [Fact]
    public async Task WordsThatAreAnExperimentsArmAreKeptAndPublishedWithTheArmSoContentCanCountTheExposure()
    {
        // An operator's experiment over the welcome push: the seeded words are the control, which no one is drawn for (weight
        // 0), and new words the arm "b" every client gets. Content answers SelectContent with the arm; Engagement ignored it,
        // and an experiment over outreach words never got exposures (final review of issue 11, M1).
        var operators = hosts.Content.CreateGrpcChannel(TestTokens.Operator());
        await new ContentGrpc.CatalogService.CatalogServiceClient(operators).CreateItemAsync(new ContentGrpc.ContentItem
        {
            ItemId = "m04-push-b", Kind = "feature", Title = "Your account is open", Body = "Fund it in a minute and start investing.", Priority = 50,
            Moments = { "M04" }, Channels = { "push" }, Labels = { "moment-m04", "funding-guide" },
        });
        await new ContentGrpc.ExperimentService.ExperimentServiceClient(operators).CreateExperimentAsync(new ContentGrpc.Experiment
        {
            Key = "welcome-push", Status = "running", ConversionWindow = "P7D",
            Variants = { new ContentGrpc.Variant { Name = "control", Weight = 0, ItemId = "m04-push" }, new ContentGrpc.Variant { Name = "b", Weight = 1, ItemId = "m04-push-b" } },
        });
        var clientId = Client(heldOut: false, "arm");

        var (instance, published) = await WelcomeDecidedAsync(clientId);

        Assert.Equal((OutreachDecisions.Sent, "m04-push-b", "welcome-push", "b"), (instance.Decision, instance.ItemId, instance.ExperimentKey, instance.Variant));
        Assert.Equal((OutreachDecisions.Sent, "m04-push-b", "welcome-push", "b"), (published.Decision, published.ItemId, published.ExperimentKey, published.Variant));
    }

    [Fact]
    public async Task WordsInNoExperimentArePublishedWithoutAnArm()
    {
        var (instance, published) = await WelcomeDecidedAsync(Client(heldOut: false, "no-arm"));

        Assert.Equal((OutreachDecisions.Sent, "m04-push", null, null), (instance.Decision, instance.ItemId, instance.ExperimentKey, instance.Variant));
        Assert.Equal((OutreachDecisions.Sent, "m04-push", "", ""), (published.Decision, published.ItemId, published.ExperimentKey, published.Variant));
    }

    /// <summary>The client approved, its welcome (M04) decided: the instance, and the OutreachDecided this host published for it.</summary>
    private async Task<(OutreachInstance Instance, OutreachDecided Published)> WelcomeDecidedAsync(string clientId)
    {
        // Only what THIS host's outbox was given: other tests' hosts on the shared broker decide the same client too.
        await OutreachLedger.RememberDecisionsAsync(hosts.Engagement.Services);
        await ProduceAsync(Topics.OnboardingEvents, new AccountApproved { ClientId = clientId, OccurredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()) });
        var instance = await DecidedAsync(clientId, "M04");
        Dictionary<Guid, OutreachDecided> given = [];
        await hosts.WithDbAsync(async db => given = await OutreachLedger.DecidedEventsAsync(db, [clientId]));
        var eventId = Assert.Single(given, e => e.Value.Moment == "M04").Key.ToString();
        var published = Assert.Single(await KafkaMessages.ConsumeAsync(broker.BootstrapServers, Topics.EngagementEvents, 1, TimeSpan.FromSeconds(60),
            m => m.Header(EnvelopeHeaders.EventId) == eventId));
        return (instance, OutreachDecided.Parser.ParseFrom(published.Value));
    }

    private static string Client(bool heldOut, string name) =>
        Enumerable.Range(0, 10_000).Select(i => $"pipe-{name}-{Guid.NewGuid().ToString("N")[..6]}-{i}")
            .First(c => HoldoutPolicy.IsHeldOut(c, 10) == heldOut);

    private Task ProduceAsync(string topic, IMessage message) => KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, Envelope(message));

    private EventEnvelope Envelope(IMessage message) =>
        EventEnvelope.Create((string)message.Descriptor.FindFieldByName("client_id").Accessor.GetValue(message), message, clock.GetUtcNow());

    /// <summary>Until the client's instance of <paramref name="moment"/> is decided, moving the clock past the priority window as it waits.</summary>
    private async Task<OutreachInstance> DecidedAsync(string clientId, string moment)
    {
        OutreachInstance? decided = null;
        await hosts.WhenAsync(async db => (decided = await db.OutreachInstances.AsNoTracking().SingleOrDefaultAsync(i => i.ClientId == clientId && i.Moment == moment
            && i.Decision != OutreachDecisions.Pending)) is not null, $"{moment} decided for {clientId}");
        // The clock moves in 5 s steps, so a decision can come exactly at its window's end, and the client's next moment, fired
        // at that instant, would still be within the window and weighed against this one (CI on f38fba4: the trade's M08
        // lower_priority to the welcome). The tests' later moments are meant as separate ones.
        clock.Advance(TimeSpan.FromSeconds(1));
        return decided!;
    }

    private async Task<List<OutreachInstance>> InstancesAsync(string clientId)
    {
        using var scope = hosts.Engagement.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementDbContext>().OutreachInstances.AsNoTracking()
            .Where(i => i.ClientId == clientId).ToListAsync();
    }
}
