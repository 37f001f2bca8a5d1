using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Profiles;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Profiles;

/// <summary>
/// Which risk level is current (review 2, finding 1): Onboarding's risk-level sequence decides, never the Kafka offset,
/// which a broker reset, a repartition or a cluster migration restarts or renumbers. An event without a sequence (published
/// before Onboarding numbered its levels) is taken fail-safe: a lower level always applies, a higher one only by the old
/// offset rule and never over a numbered level. On <see cref="ProfileFacts"/> and PostgreSQL;
/// <see cref="BrokerResetTests"/> goes through two brokers.
/// </summary>
public sealed class RiskLevelOrderTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "risk-order");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private async Task<bool> AssessAsync(string clientId, int tolerance, long sequence, long offset)
    {
        using var scope = host.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProfileFacts>().ApplyAsync(new AssessedFact(clientId, tolerance, sequence, offset), default);
    }

    private async Task<ClientProfile> ProfileAsync(string clientId)
    {
        using var scope = host.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Profiles.AsNoTracking().SingleAsync(p => p.ClientId == clientId);
    }

    /// <summary>C4 stored at a high offset of the old log, C2 at a low offset of the new one (the review's scenario).</summary>
    [Fact]
    public async Task AnUnsequencedLowerLevelAtALowerOffsetStillLowersTheTolerance()
    {
        await AssessAsync("o-reset", 4, sequence: 0, offset: 100_000);

        Assert.True(await AssessAsync("o-reset", 2, sequence: 0, offset: 7));
        Assert.Equal(2, (await ProfileAsync("o-reset")).RiskTolerance);
    }

    [Fact]
    public async Task ALaterSequenceDecidesDownAndUpWhateverTheOffsets()
    {
        await AssessAsync("o-numbered", 4, sequence: 5, offset: 100_000);

        Assert.True(await AssessAsync("o-numbered", 2, sequence: 6, offset: 7));
        Assert.Equal(2, (await ProfileAsync("o-numbered")).RiskTolerance);
        Assert.True(await AssessAsync("o-numbered", 5, sequence: 7, offset: 3));
        var raised = await ProfileAsync("o-numbered");
        Assert.Equal((5, 7L), (raised.RiskTolerance, raised.RiskLevelSequence));
    }

    /// <summary>An old event replayed from the dead-letter topic arrives at a later offset than the current level's.</summary>
    [Fact]
    public async Task AnOlderSequenceAtALaterOffsetChangesNothing()
    {
        await AssessAsync("o-replayed", 2, sequence: 9, offset: 10);
        var before = await ProfileAsync("o-replayed");

        Assert.False(await AssessAsync("o-replayed", 4, sequence: 3, offset: 500));
        var after = await ProfileAsync("o-replayed");
        Assert.Equal((2, 9L, before.Version), (after.RiskTolerance, after.RiskLevelSequence, after.Version));
    }

    [Fact]
    public async Task AnUnsequencedLevelLowersButNeverRaisesANumberedLevelAndOnboardingsNextNumberDecidesAgain()
    {
        await AssessAsync("o-mixed", 2, sequence: 5, offset: 10);

        Assert.False(await AssessAsync("o-mixed", 4, sequence: 0, offset: 500));
        Assert.Equal(2, (await ProfileAsync("o-mixed")).RiskTolerance);
        Assert.True(await AssessAsync("o-mixed", 1, sequence: 0, offset: 1));
        var lowered = await ProfileAsync("o-mixed");
        Assert.Equal((1, 5L), (lowered.RiskTolerance, lowered.RiskLevelSequence));
        Assert.True(await AssessAsync("o-mixed", 2, sequence: 6, offset: 2));
        Assert.Equal(2, (await ProfileAsync("o-mixed")).RiskTolerance);
    }

    /// <summary>After the fail-safe lowered the level, the old rule goes on from the offset of that event, in the new log.</summary>
    [Fact]
    public async Task AnUnsequencedHigherLevelAppliesOnlyAfterTheOffsetOfTheLevelItReplaces()
    {
        await AssessAsync("o-unnumbered", 4, sequence: 0, offset: 100_000);
        await AssessAsync("o-unnumbered", 2, sequence: 0, offset: 7);

        Assert.False(await AssessAsync("o-unnumbered", 4, sequence: 0, offset: 5));
        Assert.Equal(2, (await ProfileAsync("o-unnumbered")).RiskTolerance);
        Assert.True(await AssessAsync("o-unnumbered", 4, sequence: 0, offset: 9));
        Assert.Equal(4, (await ProfileAsync("o-unnumbered")).RiskTolerance);
    }

    /// <summary>Nothing the client sees changes: no version, so no invalidation of its cached feed.</summary>
    [Fact]
    public async Task TheSameLevelUnderALaterSequenceMovesOnlyTheSequence()
    {
        await AssessAsync("o-same", 3, sequence: 5, offset: 100);
        var before = await ProfileAsync("o-same");

        Assert.False(await AssessAsync("o-same", 3, sequence: 6, offset: 1));
        var after = await ProfileAsync("o-same");
        Assert.Equal((3, 6L, before.Version), (after.RiskTolerance, after.RiskLevelSequence, after.Version));
    }

    /// <summary>Onboarding never numbers two levels alike; should it, the lower stands whatever the order they came in.</summary>
    [Fact]
    public async Task TwoLevelsUnderOneSequenceLeaveTheLowerWhateverTheirOrder()
    {
        await AssessAsync("o-tie-a", 4, sequence: 5, offset: 1);
        await AssessAsync("o-tie-a", 2, sequence: 5, offset: 2);
        await AssessAsync("o-tie-b", 2, sequence: 5, offset: 1);
        await AssessAsync("o-tie-b", 4, sequence: 5, offset: 2);

        Assert.Equal((2, 2), ((await ProfileAsync("o-tie-a")).RiskTolerance, (await ProfileAsync("o-tie-b")).RiskTolerance));
    }
}
