using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Grpc;
using Platform.Content.Profiles;
using Platform.Content.Tests.Experiments;
using Platform.Content.Tests.Feed;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Selection;

/// <summary>
/// An outreach about a product names it by catalogue item id, never by text, so suitability holds for the product the words
/// name and not only for the item that carries them (review finding 11), and the product is held to every check a feed
/// applies to it as a candidate: valid now, targeted at the client, the client's own arm of an experiment (review 3 finding 2).
/// </summary>
public sealed class NamedProductTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync()
    {
        host = await ContentHost.StartAsync(postgres, redis, broker, "namedproduct");
        // The words carry no risk of their own (a service item): only the product they name can make them unsuitable.
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "m93-inbox", Kind = "service", Title = "{{productName}} matures soon", Body = "{{productName}} matures on {{date}}.",
            Moments = { "M93" }, Channels = { "inbox" },
        });
        await host.Catalog.CreateItemAsync(new ContentItem { ItemId = "star-fund", Kind = "product", Risk = "R5", Title = "Star fund", Body = "A fund" });
        await host.Catalog.CreateItemAsync(new ContentItem { ItemId = "calm-fund", Kind = "product", Risk = "R2", Title = "Calm fund", Body = "A fund" });
        await host.Catalog.CreateItemAsync(new ContentItem { ItemId = "tier-fund", Kind = "product", Risk = "R1", Title = "{{tier}} fund", Body = "A fund" });
    }

    public ValueTask DisposeAsync() => host.DisposeAsync();

    /// <summary>A client as its profile facts make it: assessed at <paramref name="tolerance"/> (C1..C5 as 1..5), in <paramref name="tier"/> if given.</summary>
    private async Task ClientAsync(string clientId, int tolerance, string? tier = null)
    {
        using var scope = host.Service.Services.CreateScope();
        var facts = scope.ServiceProvider.GetRequiredService<ProfileFacts>();
        ProfileFact[] profile = tier is null
            ? [new AssessedFact(clientId, tolerance, Sequence: 1, Offset: 0)]
            : [new AssessedFact(clientId, tolerance, Sequence: 1, Offset: 0), new TierChangedFact(clientId, tier, DateTimeOffset.UtcNow)];
        await facts.ApplyAsync(profile, TestContext.Current.CancellationToken);
    }

    private static SelectContentRequest Maturity(string clientId, string productItemId) =>
        new() { ClientId = clientId, Moment = "M93", Channel = "inbox", ProductItemId = productItemId, Values = { ["date"] = "2026-12-09" } };

    [Fact]
    public async Task WordsAboutAProductTheClientMayNotHoldAreRefusedAsUnsuitable()
    {
        await Assessments.PublishAndWaitAsync(broker, host, "named-c2", "C2");

        var riskier = await host.Selection.SelectContentAsync(Maturity("named-c2", "star-fund"));
        var prospect = await host.Selection.SelectContentAsync(Maturity("named-prospect", "calm-fund"));
        var suitable = await host.Selection.SelectContentAsync(Maturity("named-c2", "calm-fund"));

        Assert.Equal((false, "unsuitable"), (riskier.Found, riskier.Reason));
        Assert.Equal((false, "unsuitable"), (prospect.Found, prospect.Reason));
        Assert.Equal((true, "Calm fund matures soon", "Calm fund matures on 2026-12-09."), (suitable.Found, suitable.Item.Title, suitable.Item.Body));
    }

    /// <summary>The title is a template too: one the client lacks a value for (a tier) cannot name the product, so nothing is sent.</summary>
    [Fact]
    public async Task AProductTitleTheClientLacksAValueForIsNoContent()
    {
        await Assessments.PublishAndWaitAsync(broker, host, "named-untiered", "C5");

        var reply = await host.Selection.SelectContentAsync(Maturity("named-untiered", "tier-fund"));

        Assert.Equal((false, "no_content"), (reply.Found, reply.Reason));
    }

    [Theory]
    [InlineData("no-such-fund", "is not a catalogue item")]
    [InlineData("m93-inbox", "is not a product (kind product)")]
    [InlineData("Star Fund", "is not an item id")]
    public async Task AProductItemIdThatIsNotACatalogueProductIsRefusedNamingTheField(string productItemId, string message)
    {
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(Maturity("named-any", productItemId)).ResponseAsync);

        Assert.StartsWith(message, Assert.Single(errors["productItemId"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProductNameSentAsTextIsRefused()
    {
        var request = Maturity("named-any", "");
        request.Values["productName"] = "Star fund";

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(request).ResponseAsync);

        Assert.Contains("productItemId", Assert.Single(errors["values.productName"]), StringComparison.Ordinal);
    }

    /// <summary>A fund suspended for compliance reasons (its validTo set to now) is no longer named in an outreach.</summary>
    [Fact]
    public async Task AProductNoLongerValidIsNotNamed()
    {
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "suspended-fund", Kind = "product", Risk = "R1", Title = "Suspended fund", Body = "A fund",
            ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-2)), ValidTo = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
        });
        await ClientAsync("named-valid-c5", 5);

        var reply = await host.Selection.SelectContentAsync(Maturity("named-valid-c5", "suspended-fund"));

        Assert.Equal((false, "no_content"), (reply.Found, reply.Reason));
    }

    /// <summary>A product for qualified investors (V5 and up) is not named to a V1 client, however high its tolerance.</summary>
    [Fact]
    public async Task AProductTargetedAtOtherTiersIsNotNamed()
    {
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "qualified-fund", Kind = "product", Risk = "R1", Title = "Qualified fund", Body = "A fund",
            Targeting = new Grpc.Targeting { Tiers = { "V5", "V6", "V7" } },
        });
        await ClientAsync("named-v1-c5", 5, "V1");
        await ClientAsync("named-v5-c5", 5, "V5");

        var v1 = await host.Selection.SelectContentAsync(Maturity("named-v1-c5", "qualified-fund"));
        var v5 = await host.Selection.SelectContentAsync(Maturity("named-v5-c5", "qualified-fund"));

        Assert.Equal((false, "no_content"), (v1.Found, v1.Reason));
        Assert.Equal((true, "Qualified fund matures soon"), (v5.Found, v5.Item.Title));
    }

    /// <summary>
    /// The arm a client was not assigned is not named in its words (the experiment would be contaminated, with no exposure
    /// recorded), nor is the hidden arm of a stopped experiment; the client's own arm is.
    /// </summary>
    [Fact]
    public async Task AnArmOfAnExperimentTheClientDoesNotSeeIsNotNamed()
    {
        await host.Catalog.CreateItemAsync(ArmProduct("fund-a"));
        await host.Catalog.CreateItemAsync(ArmProduct("fund-b"));
        await host.Catalog.CreateItemAsync(ArmProduct("fund-c"));
        await host.Catalog.CreateItemAsync(ArmProduct("fund-d"));
        // Every client draws the control.
        await host.Experiments.CreateExperimentAsync(ExperimentScenario.Welcome(1, 0, key: "fund-copy", control: "fund-a", b: "fund-b"));
        await host.Experiments.CreateExperimentAsync(ExperimentScenario.Welcome(1, 1, key: "old-copy", control: "fund-c", b: "fund-d"));
        var stopped = ExperimentScenario.Welcome(1, 1, key: "old-copy", control: "fund-c", b: "fund-d", status: "stopped");
        stopped.Version = (await host.Experiments.GetExperimentAsync(new GetExperimentRequest { Key = "old-copy" })).Version;
        await host.Experiments.UpdateExperimentAsync(stopped);
        await ClientAsync("named-arm-c5", 5);
        // Its own feed read assigns the client its variant (the control).
        await host.FeedOf("named-arm-c5").GetFeedAsync(new FeedRequest { ClientId = "named-arm-c5" });

        var otherArm = await host.Selection.SelectContentAsync(Maturity("named-arm-c5", "fund-b"));
        var hiddenArm = await host.Selection.SelectContentAsync(Maturity("named-arm-c5", "fund-d"));
        var ownArm = await host.Selection.SelectContentAsync(Maturity("named-arm-c5", "fund-a"));

        Assert.Equal((false, "no_content"), (otherArm.Found, otherArm.Reason));
        Assert.Equal((false, "no_content"), (hiddenArm.Found, hiddenArm.Reason));
        Assert.Equal((true, "fund-a matures soon"), (ownArm.Found, ownArm.Item.Title));
    }

    /// <summary>The experiment scenario's plain item as a product: arms made of these reach the same clients.</summary>
    private static ContentItem ArmProduct(string itemId)
    {
        var item = ExperimentScenario.Item(itemId);
        (item.Kind, item.Risk) = ("product", "R1");
        return item;
    }

    /// <summary>
    /// M10 decided: a refused product refuses the words that name it, not the outreach. A client reassessed below a fund it
    /// holds still gets the maturity notice when the moment has words that do not name the product (each carrier is still
    /// held to suitability on its own); a client who may hold it gets the words that name it first.
    /// </summary>
    [Fact]
    public async Task WordsThatDoNotNameARefusedProductAreStillSent()
    {
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "m92-named", Kind = "service", Title = "{{productName}} matures soon", Body = "{{productName}} matures on {{date}}.",
            Moments = { "M92" }, Channels = { "inbox" }, Priority = 60,
        });
        await host.Catalog.CreateItemAsync(new ContentItem
        {
            ItemId = "m92-plain", Kind = "service", Title = "A product of yours matures soon", Body = "It matures on {{date}}.",
            Moments = { "M92" }, Channels = { "inbox" }, Priority = 10,
        });
        await ClientAsync("named-reassessed-c2", 2);
        await ClientAsync("named-holder-c5", 5);
        var request = Maturity("named-reassessed-c2", "star-fund");
        request.Moment = "M92";

        var reassessed = await host.Selection.SelectContentAsync(request);
        request.ClientId = "named-holder-c5";
        var holder = await host.Selection.SelectContentAsync(request);

        Assert.Equal((true, "m92-plain", "It matures on 2026-12-09."), (reassessed.Found, reassessed.Item.ItemId, reassessed.Item.Body));
        Assert.Equal((true, "m92-named", "Star fund matures soon"), (holder.Found, holder.Item.ItemId, holder.Item.Title));
    }
}
