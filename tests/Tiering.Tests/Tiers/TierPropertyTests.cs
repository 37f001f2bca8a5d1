using CsCheck;
using Platform.Tiering.Assets;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>The tier rules over random histories: what must hold whatever the ADA does.</summary>
public sealed class TierPropertyTests
{
    private static readonly TierTable Table = TierTable.Default;
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);

    /// <summary>An ADA near some tier's minimum: 0, or 50%..130% of V1..V7's.</summary>
    private static readonly Gen<decimal> Ada = Gen.Select(Gen.Int[0, 7], Gen.Int[50, 130],
        (tier, percent) => tier == 0 ? 0m : Math.Round(Table.MinimumOf((Tier)tier) * percent / 100m, 2));

    /// <summary>A recalculation (false) or a review (true) with the ADA of that moment.</summary>
    private static readonly Gen<(bool Review, decimal Ada)[]> Histories = Gen.Select(Gen.Int[0, 3], Ada, (kind, ada) => (kind == 0, ada)).Array[1, 40];

    [Fact]
    public void NeverADowngradeOutsideAReviewWithoutThePreviousReviewsWarningOrAtNinetyPercentOrMore()
    {
        Histories.Sample(history =>
        {
            var client = ClientTier.Start("c-p", Start);
            var warnedAtLastReview = false;
            var at = Start;
            foreach (var (review, ada) in history)
            {
                at = at.AddDays(review ? 30 : 1);
                var before = client.Tier;
                var outcomes = review ? client.Review(ada, Table, at, at.AddDays(30)) : client.Recalculate(ada, Table, at);

                if (client.Tier < before)
                {
                    Assert.True(review, $"downgraded {before} -> {client.Tier} outside a review");
                    Assert.True(warnedAtLastReview, $"downgraded {before} -> {client.Tier} without a warning at the previous review");
                    Assert.True(ada < Table.DowngradeThresholdOf(before), $"downgraded {before} at ADA {ada}");
                }

                Assert.True(client.Tier >= Table.QualifiedFor(ada), $"{client.Tier} below the {Table.QualifiedFor(ada)} that ADA {ada} qualifies for");
                var changes = outcomes.OfType<TierChanged>().ToList();
                Assert.Equal(before != client.Tier, changes.Count > 0);
                if (changes.Count > 0)
                {
                    Assert.Equal((before, client.Tier), (changes[0].From, changes[^1].To));
                }

                if (outcomes.Any(o => o is DowngradeWarningCleared or TierChanged))
                {
                    warnedAtLastReview = false;
                }

                if (review)
                {
                    warnedAtLastReview = outcomes.Any(o => o is DowngradeWarned);
                }
            }
        }, iter: 2_000);
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
