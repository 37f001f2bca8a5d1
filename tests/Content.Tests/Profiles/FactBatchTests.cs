using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Profiles;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Profiles;

/// <summary>
/// A batch of facts (<see cref="ProfileFacts.ApplyAsync(IReadOnlyList{ProfileFact}, CancellationToken)"/>, one statement per
/// kind of fact) leaves every profile as the same facts applied one by one in their order: the consumer handles a poll's
/// worth of events per transaction, and the set-based statements keep per fact only what its guard would keep.
/// </summary>
public sealed class FactBatchTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "fact-batches");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    /// <summary>Facts of three clients interleaved, with few distinct times and values so that ties and repeats are common.</summary>
    private static readonly Gen<Func<string, ProfileFact>> Fact = Gen.OneOf(
        Of(Gen.Select(Gen.Int[1, 5], Gen.Int[0, 6], Gen.Int[0, 9]), (t, c) => new AssessedFact(c, t.Item1, Sequence: t.Item2, Offset: t.Item3)),
        Of(Gen.Select(Gen.Int[0, 2], Gen.Int[0, 2], Gen.Int[0, 3]), (t, c) => new AcquiredFact(c,
            t.Item1 == 0 ? null : $"ch{t.Item1}", t.Item2 == 0 ? null : $"cp{t.Item2}", t.Item3 == 0 ? null : T0.AddMinutes(t.Item3))),
        Of(Gen.Int[0, 5], (m, c) => new ApprovedFact(c, T0.AddMinutes(m))),
        Of(Gen.Int[0, 5], (m, c) => new FundedFact(c, T0.AddMinutes(m))),
        // Trades around the 30-day window of today, so that stage changes (S3 or S5 to S4) happen.
        Of(Gen.Int[0, 5], (d, c) => new TradedFact(c, new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-d * 12))),
        Of(Gen.Select(Gen.Int[0, 7], Gen.Int[0, 5]), (t, c) => new TierChangedFact(c, $"V{t.Item1}", T0.AddMinutes(t.Item2))),
        Of(Gen.Select(Gen.Int[1, 3], Gen.Int[0, 5]), (t, c) => new NearNextTierFact(c, t.Item1 * 1000m, T0.AddMinutes(t.Item2))),
        Of(Gen.Select(Gen.Int[1, 6], Gen.Int[0, 5]), (t, c) => new StageChangedFact(c, $"S{t.Item1}", T0.AddMinutes(t.Item2))));

    private static Gen<Func<string, ProfileFact>> Of<T>(Gen<T> values, Func<T, string, ProfileFact> fact) =>
        values.Select(v => (Func<string, ProfileFact>)(clientId => fact(v, clientId)));

    [Fact]
    public async Task ABatchOfFactsGivesEveryProfileWhatTheFactsGiveOneByOneInTheirOrder()
    {
        await Gen.Select(Gen.Select(Gen.Int[0, 2], Fact).Array[1, 16], Gen.Select(Gen.Int[0, 2], Fact).Array[0, 6]).SampleAsync(async (earlier, batch) =>
        {
            // Samples run in parallel: each gets client ids of its own. The earlier facts make a stored profile to start from.
            var run = Guid.NewGuid().ToString("N")[..12];
            string Client(string way, int client) => $"fb-{run}-{way}{client}";
            foreach (var way in new[] { "b", "s" })
            {
                await ApplyAsync(earlier.Select(f => f.Item2(Client(way, f.Item1))).ToList());
            }

            var before = await ProfilesAsync(Client("b", 0), Client("b", 1), Client("b", 2));
            var changedInBatch = await ApplyAsync(batch.Select(f => f.Item2(Client("b", f.Item1))).ToList());
            var changedOneByOne = new HashSet<string>();
            foreach (var (client, fact) in batch)
            {
                changedOneByOne.UnionWith(await ApplyAsync([fact(Client("s", client))]));
            }

            var batched = await ProfilesAsync(Client("b", 0), Client("b", 1), Client("b", 2));
            var oneByOne = await ProfilesAsync(Client("s", 0), Client("s", 1), Client("s", 2));
            for (var client = 0; client < 3; client++)
            {
                Assert.Equal(Comparable(oneByOne[client]), Comparable(batched[client]));
                var changed = changedInBatch.Contains(Client("b", client));
                Assert.Equal(changedOneByOne.Contains(Client("s", client)), changed);
                // A change shows as a new version, so that a cached feed of the old one is stale; no change, no new version.
                Assert.Equal(changed, before[client]?.Version != batched[client]?.Version && batched[client] is not null);
            }
        }, iter: 60);
    }

    private async Task<IReadOnlySet<string>> ApplyAsync(IReadOnlyList<ProfileFact> facts)
    {
        using var scope = host.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProfileFacts>().ApplyAsync(facts, default);
    }

    private async Task<ClientProfile?[]> ProfilesAsync(params string[] clientIds)
    {
        using var scope = host.Service.Services.CreateScope();
        var profiles = await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Profiles.AsNoTracking()
            .Where(p => clientIds.Contains(p.ClientId)).ToDictionaryAsync(p => p.ClientId);
        return [.. clientIds.Select(id => profiles.GetValueOrDefault(id))];
    }

    /// <summary>Everything but the id, the version's count and the write time.</summary>
    private static object? Comparable(ClientProfile? p) => p is null ? null : (
        (p.RiskTolerance, p.RiskLevelSequence, p.RiskLevelPosition, p.Channel, p.Campaign, p.RegisteredAt),
        (p.ApprovedAt, p.FundedAt, p.LastTradeAt, p.Tier, p.TierChangedAt, p.AmountToNextTier, p.AmountToNextTierAt),
        (p.EngagementStage, p.EngagementStageAt));
}
