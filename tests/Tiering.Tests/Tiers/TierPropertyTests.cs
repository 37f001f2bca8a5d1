using CsCheck;
using Platform.Tiering.Assets;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>
/// The tier rules over random histories, checked against DOMAIN.md's table and rules written out in
/// the test (<see cref="DomainTiers"/>, <see cref="ExpectedTier"/>), never against the implementation's own lookups.
/// </summary>
public sealed class TierPropertyTests
{
    private static readonly TierTable Table = TierTable.Default;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// An ADA where the rules flip (every minimum and every 90% point, exactly and one fen either side),
    /// anywhere inside the gaps between those points, or far above V7.
    /// </summary>
    private static readonly Gen<decimal> Ada = Gen.Frequency(
        (4, Gen.OneOf([.. DomainTiers.Boundaries])),
        (4, Gen.OneOf([.. Gaps().Select(gap => Gen.Long[gap.FromFen + 1, gap.ToFen - 1].Select(fen => fen / 100m))])),
        (1, Gen.OneOf<decimal>(10_000_000_000m, 1e20m, 792_281_625_142_643_375_935_439_503.35m)));

    /// <summary>A recalculation (false) or a review (true) with the ADA of that moment.</summary>
    private static readonly Gen<(bool Review, decimal Ada)[]> Histories = Gen.Select(Gen.Int[0, 3], Ada, (kind, ada) => (kind == 0, ada)).Array[1, 40];

    [Fact]
    public void EveryAdaGetsTheTierOfDomainTable() =>
        Ada.Sample(ada => Assert.Equal(DomainTiers.For(ada), Table.QualifiedFor(ada)), iter: 20_000);

    [Fact]
    public void EveryStepOfAHistoryDoesWhatTheDomainRulesSay()
    {
        Histories.Sample(history =>
        {
            var client = ClientTier.Start("c-p", Start);
            var expected = new ExpectedTier();
            var at = Start;
            foreach (var (review, ada) in history)
            {
                at = at.AddDays(review ? 30 : 1);
                var before = client.Tier;
                var outcomes = review ? client.Review(ada, Table, at, at.AddDays(30)) : client.Recalculate(ada, Table, at);
                var step = review ? expected.Review(ada) : expected.Recalculate(ada);

                var what = $"{(review ? "review" : "recalculation")} at ADA {ada} from {before}";
                Assert.True((expected.Tier, expected.Warned) == (client.Tier, client.Warning is not null),
                    $"{what}: expected {expected.Tier} (warned {expected.Warned}), got {client.Tier} (warned {client.Warning is not null})");
                Assert.True(step == new ExpectedTier.Step(outcomes.OfType<TierChanged>().Any(), outcomes.OfType<DowngradeWarned>().Any(),
                    outcomes.OfType<NearNextTier>().Any()), $"{what}: expected {step}, got {string.Join(", ", outcomes)}");
                if (outcomes.OfType<TierChanged>().ToList() is [var first, ..] changes)
                {
                    Assert.Equal((before, client.Tier), (first.From, changes[^1].To));
                }
            }
        }, iter: 5_000);
    }

    /// <summary>Every minimum and 90% point of DOMAIN.md, exactly and one fen either side, for every tier a client can hold.</summary>
    public static TheoryData<Tier, decimal> TiersAndBoundaries() =>
        new(DomainTiers.Rows.SelectMany(row => DomainTiers.Boundaries.Select(ada => (row.Tier, ada))));

    [Theory]
    [MemberData(nameof(TiersAndBoundaries))]
    public void TwoReviewsAtABoundaryDowngradeOnlyBelowNinetyPercent(Tier held, decimal ada)
    {
        var client = ClientTier.Start("c-b", Start);
        client.Recalculate(DomainTiers.MinimumOf(held), Table, Start);
        var first = client.Review(ada, Table, Start.AddDays(30), Start.AddDays(60));
        var afterFirst = client.Tier;
        var second = client.Review(ada, Table, Start.AddDays(60), Start.AddDays(90));

        // Below 90%: the first review warns and keeps the tier, the second drops to the tier the ADA qualifies for.
        // From 90% on: no warning and no downgrade, an upgrade when the ADA reaches a higher minimum.
        var below = ada < DomainTiers.NinetyPercentOf(held);
        var upgradedTo = DomainTiers.For(ada) > held ? DomainTiers.For(ada) : held;
        Assert.Equal((below ? held : upgradedTo, below), (afterFirst, first.OfType<DowngradeWarned>().Any()));
        var downgraded = second.OfType<TierChanged>().Any(c => c.Reason == TierChangeReasons.ReviewDowngrade);
        Assert.Equal((below ? DomainTiers.For(ada) : upgradedTo, below), (client.Tier, downgraded));
    }

    /// <summary>The fen ranges strictly between consecutive boundaries (of at least one fen inside), and above V7 up to 10^15.</summary>
    private static IEnumerable<(long FromFen, long ToFen)> Gaps()
    {
        var edges = DomainTiers.Rows.SelectMany(r => new[] { r.Minimum, r.NinetyPercent }).Append(0m).Append(1_000_000_000_000_000m)
            .Select(amount => (long)Math.Ceiling(amount * 100m)).Distinct().Order().ToArray();
        return edges.Zip(edges.Skip(1)).Where(gap => gap.Second - gap.First > 1);
    }

    /// <summary>Snapshots and flows of 40 days, some days reported twice, in random order.</summary>
    private static readonly Gen<(int Day, bool IsFlow, decimal Amount, int ReportedMinute)[]> Facts =
        Gen.Select(Gen.Int[0, 39], Gen.Int[0, 4], Gen.Int[-200, 2_000], Gen.Int[0, 3],
            (day, kind, thousands, minute) => (day, kind == 0, thousands * 1_000m, minute)).Array[1, 30];

    [Fact]
    public void TheSameFactsGiveTheSameAdaAndTierWhateverTheirArrivalOrder()
    {
        var monday = new DateOnly(2026, 11, 2);
        Gen.Select(Facts, Gen.Int).Sample((facts, seed) =>
        {
            var records = facts.Select((f, i) => (Fact: f, EventId: Guid.CreateVersion7(Start.AddSeconds(i)))).ToArray();
            var shuffled = records.ToArray();
            new Random(seed).Shuffle(shuffled);

            var (adaInOrder, tierInOrder) = Evaluate(records);
            var (adaShuffled, tierShuffled) = Evaluate(shuffled);

            Assert.Equal(adaInOrder, adaShuffled);
            Assert.Equal(tierInOrder, tierShuffled);
        }, iter: 1_000);

        (decimal Ada, Tier Tier) Evaluate(IEnumerable<((int Day, bool IsFlow, decimal Amount, int ReportedMinute) Fact, Guid EventId)> arrivals)
        {
            var history = new AssetHistory();
            foreach (var (fact, eventId) in arrivals)
            {
                var day = monday.AddDays(fact.Day);
                if (fact.IsFlow)
                {
                    history.Record(new AssetFlow(day, fact.Amount, eventId));
                }
                else
                {
                    history.Record(new AssetSnapshot(day, Math.Abs(fact.Amount), Start.AddMinutes(fact.ReportedMinute), eventId));
                }
            }

            var ada = history.AverageDailyAssets(monday.AddDays(39), TradingCalendar.WeekdaysOnly, 20);
            var client = ClientTier.Start("c-o", Start);
            client.Recalculate(ada, Table, Start);
            return (ada, client.Tier);
        }
    }
}
