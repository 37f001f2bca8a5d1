using CsCheck;
using Platform.Content.Audience;
using Platform.Content.Catalog;
using Platform.Content.Profiles;
using Platform.Content.Selection;
using static Platform.Content.Tests.Selection.CatalogItems;

namespace Platform.Content.Tests.Selection;

public sealed class ContentSelectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private static readonly ChannelLimits Limits = new();

    private sealed class NoExperiments : IExperimentGate
    {
        public (bool Serve, ExperimentArm Arm)? Check(string itemId) => null;
    }

    private sealed class Gate(Dictionary<string, (bool, ExperimentArm)> items) : IExperimentGate
    {
        public (bool Serve, ExperimentArm Arm)? Check(string itemId) => items.TryGetValue(itemId, out var v) ? v : null;
    }

    private static ClientProfile Investor(int? tolerance, string tier = "V3", params string[] tags) => new()
    {
        ClientId = "c-1", RiskTolerance = tolerance, Tier = tier, OperatorTags = tags,
        RegisteredAt = Now.AddDays(-90), ApprovedAt = Now.AddDays(-80), FundedAt = Now.AddDays(-70), LastTradeAt = Now.AddDays(-2),
    };

    private static IReadOnlyList<ServedItem> Feed(CatalogSnapshot catalog, ClientProfile profile, IExperimentGate? gate = null) =>
        ContentSelector.Select(catalog, ClientView.Of(profile, Now), SelectionRequest.Feed, Now, gate ?? new NoExperiments(), Limits, 20);

    private static CatalogSnapshot Catalog(params CatalogItem[] items) => CatalogSnapshot.Build(items, []);

    [Fact]
    public void AClientReassessedDownStopsSeeingRiskierProducts()
    {
        var catalog = Catalog(Product("r1", 1), Product("r2", 2), Product("r3", 3), Product("r4", 4), Item("news"));

        Assert.Equal(["news", "r1", "r2", "r3", "r4"], Feed(catalog, Investor(4)).Select(i => i.ItemId).Order());
        Assert.Equal(["news", "r1", "r2"], Feed(catalog, Investor(2)).Select(i => i.ItemId).Order());
        Assert.Equal(["news"], Feed(catalog, Investor(null)).Select(i => i.ItemId));
    }

    [Fact]
    public void TheFeedIsRankedByPriorityThenIdAndLimited()
    {
        var catalog = Catalog(Item("bb", priority: 10), Item("aa", priority: 10), Item("cc", priority: 90));
        Assert.Equal(["cc", "aa", "bb"], Feed(catalog, Investor(3)).Select(i => i.ItemId));
        Assert.Equal(["cc"], ContentSelector.Select(catalog, ClientView.Of(Investor(3), Now), SelectionRequest.Feed, Now, new NoExperiments(), Limits, 1)
            .Select(i => i.ItemId));
    }

    [Fact]
    public void TargetingRestrictsOnlyByListsThatAreNotEmpty()
    {
        var catalog = CatalogSnapshot.Build(
            [
                Item("v3-only", tiers: ["V3"]), Item("v5-only", tiers: ["V5"]), Item("s4", stages: ["S4"]), Item("s1", stages: ["S1"]),
                Item("technical", tags: ["style:technical"]), Item("technical-short", tags: ["style:technical", "horizon:short"]),
                Item("derived-tag", tags: ["risk:c3"]), Item("segment", segment: "long-term"), Item("everyone"),
            ],
            [Segment.Create("long-term", "horizon:long OR interest:bonds", Now)]);

        var seen = Feed(catalog, Investor(3, "V3", "style:technical", "interest:bonds")).Select(i => i.ItemId).Order();

        Assert.Equal(["derived-tag", "everyone", "s4", "segment", "technical", "v3-only"], seen);
    }

    [Fact]
    public void OnlyItemsValidNowAreServed()
    {
        var catalog = Catalog(
            Item("past", validTo: Now), Item("future", validFrom: Now.AddTicks(1)), Item("current", validFrom: Now, validTo: Now.AddDays(1)));
        Assert.Equal(["current"], Feed(catalog, Investor(3)).Select(i => i.ItemId));
        Assert.Equal(Now.AddTicks(1), catalog.NextValidityChange(Now));
    }

    [Fact]
    public void ItemsAreRenderedForTheClientAndOnesMissingAValueAreSkipped()
    {
        var catalog = Catalog(
            Item("distance", title: "{{amountToNextTier}} CNY to {{nextTier}}", body: "You are {{tier}}, {{stage}}, {{riskTolerance}}"),
            Item("plain", title: "Hello"));
        var near = Investor(3);
        near.AmountToNextTier = 12345.5m;

        var served = Feed(catalog, near);
        var distance = Assert.Single(served, i => i.ItemId == "distance");
        Assert.Equal(("12,345.50 CNY to V4", "You are V3, S4, C3"), (distance.Title, distance.Body));
        Assert.Equal(["plain"], Feed(catalog, Investor(3)).Select(i => i.ItemId));
    }

    [Fact]
    public void OutreachWordsStayOutOfTheFeedAndAreChosenForTheirMoment()
    {
        var catalog = Catalog(
            Item("m04-push", kind: "feature", moments: ["M04"], channels: ["push"], labels: ["welcome"], priority: 10),
            Item("m04-sms", kind: "feature", moments: ["M04"], channels: ["sms"], labels: ["welcome"], priority: 90),
            Item("general-welcome", kind: "feature", labels: ["welcome"], priority: 99),
            Item("other-moment", kind: "feature", moments: ["M05"], labels: ["welcome"], priority: 99));

        Assert.Equal(["general-welcome"], Feed(catalog, Investor(3)).Select(i => i.ItemId));
        var push = ContentSelector.Select(catalog, ClientView.Of(Investor(3), Now),
            new SelectionRequest("M04", "push", ContentKind.Feature, ["welcome"], new Dictionary<string, string>()), Now, new NoExperiments(), Limits, 5);
        Assert.Equal(["m04-push", "general-welcome"], push.Select(i => i.ItemId));
    }

    [Fact]
    public void AnSmsThatDoesNotFitIsNotSentCutButTheNextOneFits()
    {
        var catalog = Catalog(
            Item("long", moments: ["M05"], body: new string('x', Limits.SmsMaxLength + 1), priority: 90),
            Item("short", moments: ["M05"], body: new string('x', Limits.SmsMaxLength), priority: 10));
        var sms = ContentSelector.Select(catalog, ClientView.Of(Investor(3), Now),
            new SelectionRequest("M05", "sms", null, [], new Dictionary<string, string>()), Now, new NoExperiments(), Limits, 1);
        Assert.Equal("short", Assert.Single(sms).ItemId);
    }

    [Fact]
    public void AMomentsValuesFillItsTemplatesButCannotOverrideTheClientsFacts()
    {
        var catalog = Catalog(Item("maturity", moments: ["M10"], body: "{{productName}} matures on {{date}}; you are {{tier}}"));
        var values = new Dictionary<string, string> { ["productName"] = "Fund A", ["date"] = "2026-12-09", ["tier"] = "V7" };
        var served = ContentSelector.Select(catalog, ClientView.Of(Investor(3), Now),
            new SelectionRequest("M10", "inbox", null, [], values), Now, new NoExperiments(), Limits, 1);
        Assert.Equal("Fund A matures on 2026-12-09; you are V3", Assert.Single(served).Body);
    }

    [Fact]
    public void AnExperimentsItemGoesOnlyToItsVariantsClients()
    {
        var catalog = Catalog(Item("welcome-a"), Item("welcome-b"), Item("news"));
        var arm = new ExperimentArm("welcome-copy", "b");
        var gate = new Gate(new() { ["welcome-a"] = (false, new ExperimentArm("welcome-copy", "control")), ["welcome-b"] = (true, arm) });

        var served = Feed(catalog, Investor(3), gate);

        Assert.Equal(["news", "welcome-b"], served.Select(i => i.ItemId).Order());
        Assert.Equal(arm, Assert.Single(served, i => i.ItemId == "welcome-b").Experiment);
    }

    /// <summary>
    /// The hard rule in the pure selector, over random catalogues, clients, experiment gates and requests: nothing an
    /// experiment, targeting or a moment does can bring an item above the client's tolerance, and a client without an
    /// assessment gets nothing that carries a risk. The services' paths over time: SuitabilityOverTimeTests.
    /// </summary>
    [Fact]
    public void TheSelectorServesNothingAboveTheClientsToleranceWhateverTheCatalogueGateOrRequest()
    {
        var kinds = Enum.GetValues<ContentKind>().Select(k => k.ToString().ToLowerInvariant()).ToArray();
        // A product always carries a risk; any other kind sometimes does (a trading-signals service), and is held to it too.
        var item = Gen.Select(Gen.Int[0, 1_000_000], Gen.OneOf(kinds), Gen.Int[1, 5], Gen.Int[0, 100], Gen.Bool, Gen.Bool, Gen.Bool)
            .Select((id, kind, risk, priority, forMoment, smsOnly, rated) => Item($"i{id}", kind, kind == "product" || rated ? $"R{risk}" : null, priority,
                moments: forMoment ? ["M06"] : null, channels: smsOnly ? ["sms"] : null));
        var client = Gen.Select(Gen.Int[1, 5].Nullable(), Gen.Int[0, 7]).Select((tolerance, tier) => Investor(tolerance, $"V{tier}"));
        var request = Gen.OneOf(SelectionRequest.Feed,
            new SelectionRequest("M06", "sms", null, [], new Dictionary<string, string>()),
            new SelectionRequest("M06", "inbox", ContentKind.Product, [], new Dictionary<string, string>()));

        Gen.Select(item.List[0, 30], client, request, Gen.Bool).Sample((generated, profile, req, experimentServesAll) =>
        {
            var items = generated.DistinctBy(i => i.ItemId).ToList();
            var catalog = Catalog([.. items]);
            var gate = new Gate(items.ToDictionary(i => i.ItemId, i => (experimentServesAll, new ExperimentArm("x", "v")), StringComparer.Ordinal));
            var served = ContentSelector.Select(catalog, ClientView.Of(profile, Now), req, Now, gate, Limits, 100);
            foreach (var s in served)
            {
                if (items.First(i => i.ItemId == s.ItemId).Risk is { } risk)
                {
                    Assert.True(profile.RiskTolerance is { } tolerance && tolerance >= risk, $"{s.Kind} R{risk} served to C{profile.RiskTolerance}");
                }
            }
        });
    }
}
