using CsCheck;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Activity.Events;
using Platform.Content.Grpc;
using Platform.Content.Profiles;
using Platform.Content.Tests.Experiments;
using Platform.Engagement.Events;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.Tiering.Events;

namespace Platform.Content.Tests.Profiles;

/// <summary>Profiles built from the other services' events, through real DevBroker and PostgreSQL.</summary>
public sealed class ProfileFromEventsTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "profiles");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static Timestamp At(int minutes) => Timestamp.FromDateTimeOffset(T0.AddMinutes(minutes));

    private static EventEnvelope Envelope(string clientId, IMessage message) => EventEnvelope.Create(clientId, message, DateTimeOffset.UtcNow);

    private static StepRecorded Assessed(string clientId, string level, int minutes) => new()
    {
        ClientId = clientId, Step = ProfileFactsHandler.RiskAssessedStep, RiskLevel = level, OccurredAt = At(minutes),
        Channel = "short_video", Campaign = "double11", RegisteredAt = At(0),
    };

    private Task PublishAndWaitAsync(params (string Topic, EventEnvelope Envelope)[] events) => host.PublishAndWaitAsync(broker.BootstrapServers, events);

    private async Task<ClientProfile?> ProfileAsync(string clientId)
    {
        using var scope = host.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == clientId);
    }

    [Fact]
    public async Task AProfileGathersTheFactsOfEveryTopic()
    {
        const string client = "p-all";
        await PublishAndWaitAsync(
            (Topics.OnboardingEvents, Envelope(client, Assessed(client, "C4", 10))),
            (Topics.OnboardingEvents, Envelope(client, new AccountApproved { ClientId = client, OccurredAt = At(20), RiskLevel = "C4", Channel = "short_video" })),
            (Topics.OnboardingEvents, Envelope(client, new AccountFunded { ClientId = client, ApprovedAt = At(20), FundedAt = At(30) })),
            (Topics.TieringEvents, Envelope(client, new TierChanged { ClientId = client, FromTier = "V0", ToTier = "V3", OccurredAt = At(40) })),
            (Topics.ActivityEvents, Envelope(client, new Trade { ClientId = client, OccurredAt = At(50) })));

        var profile = await ProfileAsync(client);
        Assert.NotNull(profile);
        Assert.Equal((4, "V3", "short_video", "double11"), (profile.RiskTolerance, profile.Tier, profile.Channel, profile.Campaign));
        Assert.Equal((T0, T0.AddMinutes(20), T0.AddMinutes(30), T0.AddMinutes(50)),
            (profile.RegisteredAt!.Value, profile.ApprovedAt!.Value, profile.FundedAt!.Value, profile.LastTradeAt!.Value));
    }

    /// <summary>
    /// Onboarding's own sequence for a late reassessment dated before the approval (review finding): Onboarding takes C2 as
    /// current (its date is later than C4's) and publishes it after the approval; Content follows Onboarding's decision, in the
    /// order the events come, rather than redating the approval's level.
    /// </summary>
    [Fact]
    public async Task AReassessmentDownThatArrivesAfterTheApprovalButIsDatedBeforeItStillLowersTheTolerance()
    {
        const string client = "p-reassessed";
        await PublishAndWaitAsync(
            (Topics.OnboardingEvents, Envelope(client, Assessed(client, "C4", 10))),
            (Topics.OnboardingEvents, Envelope(client, new AccountApproved { ClientId = client, OccurredAt = At(30), RiskLevel = "C4" })),
            (Topics.OnboardingEvents, Envelope(client, Assessed(client, "C2", 20))));

        Assert.Equal(2, (await ProfileAsync(client))!.RiskTolerance);
    }

    [Fact]
    public async Task TheLevelOfEveryStepIsOnboardingsCurrentOneAndTheSameLevelAgainChangesNoVersion()
    {
        const string client = "p-current";
        await PublishAndWaitAsync((Topics.OnboardingEvents, Envelope(client, Assessed(client, "C3", 10))));
        var assessed = await ProfileAsync(client);

        await PublishAndWaitAsync((Topics.OnboardingEvents, Envelope(client, new StepRecorded
        {
            ClientId = client, Step = "bank_card_bound", RiskLevel = "C3", OccurredAt = At(40), RegisteredAt = At(0),
        })));

        var after = await ProfileAsync(client);
        Assert.Equal((3, assessed!.Version), (after!.RiskTolerance, after.Version));
        Assert.True(after.RiskLevelPosition > assessed.RiskLevelPosition);
    }

    [Fact]
    public async Task ARedeliveredEventChangesNothing()
    {
        const string client = "p-redelivered";
        var tier = Envelope(client, new TierChanged { ClientId = client, ToTier = "V2", OccurredAt = At(5) });
        await PublishAndWaitAsync((Topics.TieringEvents, tier));
        var first = await ProfileAsync(client);

        await PublishAndWaitAsync((Topics.TieringEvents, tier), (Topics.TieringEvents, Envelope(client, new TierChanged { ClientId = client, ToTier = "V1", OccurredAt = At(1) })));

        var after = await ProfileAsync(client);
        Assert.Equal(("V2", first!.Version), (after!.Tier, after.Version));
    }

    /// <summary>
    /// Engagement's stage decides over the one the milestones give (S6 comes only from it), invalidating the cached feed as
    /// any profile change does; an older StageChanged arriving after a newer one changes nothing.
    /// </summary>
    [Fact]
    public async Task EngagementsStageDecidesTheFeedAndAnOlderStageChangedArrivingLaterChangesNothing()
    {
        const string client = "p-stage";
        await host.Catalog.CreateItemAsync(StageItem("win-back", "S6"));
        await host.Catalog.CreateItemAsync(StageItem("investing-tips", "S4"));
        await PublishAndWaitAsync(
            (Topics.OnboardingEvents, Envelope(client, new AccountApproved { ClientId = client, OccurredAt = At(20), RiskLevel = "C3", RiskLevelSequence = 1 })),
            (Topics.OnboardingEvents, Envelope(client, new AccountFunded { ClientId = client, ApprovedAt = At(20), FundedAt = At(30) })),
            (Topics.ActivityEvents, Envelope(client, new Trade { ClientId = client, OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)) })));
        Assert.Equal(["investing-tips"], await StageItemsInFeedAsync(client)); // S4 from the milestones, and the copy cached

        await PublishAndWaitAsync((Topics.EngagementEvents, Envelope(client, Stage(client, "S4", "S6", minutes: 60))));
        Assert.Equal(["win-back"], await StageItemsInFeedAsync(client));
        var churning = await ProfileAsync(client);

        await PublishAndWaitAsync((Topics.EngagementEvents, Envelope(client, Stage(client, "S3", "S4", minutes: 40))));
        Assert.Equal(["win-back"], await StageItemsInFeedAsync(client));
        Assert.Equal(("S6", churning!.Version), ((await ProfileAsync(client))!.EngagementStage, (await ProfileAsync(client))!.Version));
    }

    private static StageChanged Stage(string clientId, string from, string to, int minutes) => new()
    {
        ClientId = clientId, FromStage = from, ToStage = to, Reason = to == "S6" ? "churn_signal" : "invested", OccurredAt = At(minutes),
    };

    private static ContentItem StageItem(string itemId, string stage)
    {
        var item = ExperimentScenario.Item(itemId);
        item.Targeting = new Platform.Content.Grpc.Targeting { Stages = { stage } };
        return item;
    }

    private async Task<string[]> StageItemsInFeedAsync(string clientId) =>
        [.. (await host.FeedOf(clientId).GetFeedAsync(new FeedRequest { ClientId = clientId, Limit = 100 })).Items.Select(i => i.ItemId)
            .Where(id => id is "win-back" or "investing-tips")];

    /// <summary>
    /// The same facts applied in any order give the same profile: events of three topics reach
    /// Content in no guaranteed order, and a guard that forgot one case would show here.
    /// </summary>
    [Fact]
    public async Task FactsInAnyOrderGiveTheSameProfile()
    {
        var fact = Gen.OneOf(
            Gen.Int[1, 5].Select(Gen.Int[0, 100]).Select(t => ("assessed", t.Item1, t.Item2)),
            Gen.Int[0, 100].Select(m => ("approved", 0, m)),
            Gen.Int[0, 100].Select(m => ("funded", 0, m)),
            Gen.Int[0, 100].Select(m => ("traded", 0, m)),
            Gen.Int[0, 7].Select(Gen.Int[0, 100]).Select(t => ("tier", t.Item1, t.Item2)),
            Gen.Int[0, 3].Select(Gen.Int[0, 100]).Select(t => ("acquired", t.Item1, t.Item2)),
            Gen.Int[1, 6].Select(Gen.Int[0, 100]).Select(t => ("stage", t.Item1, t.Item2)));
        await Gen.Select(fact.Array[1, 12], Gen.Int).SampleAsync(async (facts, seed) =>
        {
            // Samples run in parallel: each gets client ids of its own.
            var run = Guid.NewGuid().ToString("N");
            var shuffled = facts.OrderBy(f => HashCode.Combine(f, seed)).ToArray();
            var inOrder = await ApplyAsync($"order-{run}-a", facts);
            var reordered = await ApplyAsync($"order-{run}-b", shuffled);
            Assert.Equal(inOrder, reordered);
        }, iter: 40);
    }

    private async Task<object> ApplyAsync(string clientId, (string Kind, int Value, int Minutes)[] facts)
    {
        using var scope = host.Service.Services.CreateScope();
        var writer = scope.ServiceProvider.GetRequiredService<ProfileFacts>();
        foreach (var (kind, value, minutes) in facts)
        {
            var at = T0.AddMinutes(minutes);
            _ = kind switch
            {
                // As Onboarding numbers its levels (from 1: 0 is an event without a sequence, which is not order-free by design).
                "assessed" => await writer.ApplyAsync(new AssessedFact(clientId, value, Sequence: minutes + 1, Offset: 0), default),
                "approved" => await writer.ApplyAsync(new ApprovedFact(clientId, at), default),
                "funded" => await writer.ApplyAsync(new FundedFact(clientId, at), default),
                "traded" => await writer.ApplyAsync(new TradedFact(clientId, at), default),
                "tier" => await writer.ApplyAsync(new TierChangedFact(clientId, $"V{value}", at), default),
                "stage" => await writer.ApplyAsync(new StageChangedFact(clientId, $"S{value}", at), default),
                _ => await writer.ApplyAsync(new AcquiredFact(clientId, $"ch{value}", null, at), default),
            };
        }

        var p = (await ProfileAsync(clientId))!;
        // Equal times with different values (two assessments in the same minute) are a tie the facts
        // alone cannot break, so the value is compared only when the latest (earliest, for the
        // acquisition) time is held by one value; every time is always compared.
        return (p.RiskLevelSequence, p.ApprovedAt, p.FundedAt, p.LastTradeAt, p.TierChangedAt, p.RegisteredAt,
            Tie(facts, "assessed", latest: true) ? null : p.RiskTolerance, Tie(facts, "tier", latest: true) ? null : p.Tier,
            Tie(facts, "acquired", latest: false) ? null : p.Channel, p.EngagementStageAt, Tie(facts, "stage", latest: true) ? null : p.EngagementStage);
    }

    /// <summary>Whether facts of a kind with different values share the deciding time (the latest, or the earliest).</summary>
    private static bool Tie((string Kind, int Value, int Minutes)[] facts, string kind, bool latest)
    {
        var ofKind = facts.Where(f => f.Kind == kind).ToList();
        if (ofKind.Count == 0)
        {
            return false;
        }

        var deciding = latest ? ofKind.Max(f => f.Minutes) : ofKind.Min(f => f.Minutes);
        return ofKind.Where(f => f.Minutes == deciding).Select(f => f.Value).Distinct().Count() > 1;
    }
}
