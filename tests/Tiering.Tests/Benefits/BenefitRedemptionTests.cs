using Confluent.Kafka;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging;
using Platform.Messaging.Postgres;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using StackExchange.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Benefits;
using Platform.Tiering.Grpc;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Benefits;

/// <summary>Benefits and redemption on real PostgreSQL, Redis and DevBroker.</summary>
public sealed class BenefitRedemptionTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ServiceFactory<TieringDbContext> service = null!;
    private TieringDriver driver = null!;
    private BenefitsService.BenefitsServiceClient benefits = null!;
    private BenefitCatalogService.BenefitCatalogServiceClient catalog = null!;

    public async ValueTask InitializeAsync()
    {
        service = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("benefits"), redis.Server.ConnectionString, broker.BootstrapServers);
        driver = new TieringDriver(service, broker.BootstrapServers);
        // Core systems redeem; the catalogue is the operators'.
        (benefits, catalog) = (new(service.CreateGrpcChannel()), new(service.CreateGrpcChannel(TestTokens.Operator())));
    }

    public async ValueTask DisposeAsync()
    {
        driver.Dispose();
        await service.DisposeAsync();
    }

    [Fact]
    public async Task TheCatalogueStartsWithTheExamplesOfTheDomain()
    {
        var seeded = (await catalog.ListBenefitsAsync(new ListBenefitsRequest())).Benefits;

        var premiumCard = seeded.Where(b => b.BenefitId.StartsWith("premium-card-", StringComparison.Ordinal)).ToList();
        Assert.Equal(30, premiumCard.Count);
        Assert.All(premiumCard, b => Assert.Equal(("privilege", "V7", true), (b.Kind, b.MinTier, b.Active)));
        Assert.Equal(30, premiumCard.Select(b => b.Name).Distinct().Count());
        var advisor = Assert.Single(seeded, b => b.BenefitId == "dedicated-advisor");
        Assert.Equal(("service", "V6", (Quota?)null), (advisor.Kind, advisor.MinTier, advisor.Quota));
        Assert.Equal("V3", Assert.Single(seeded, b => b.BenefitId == "level2-market-data").MinTier);
        Assert.Equal(seeded.Select(b => b.MinTier).Order(StringComparer.Ordinal), seeded.Select(b => b.MinTier));
    }

    [Fact]
    public async Task AClientSeesEveryBenefitWithWhatItsTierAllows()
    {
        var clientId = await ClientAtAsync(250_000);

        var list = await benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });

        Assert.Equal("V4", list.Tier);
        Assert.Equal(36, list.Benefits.Count);
        Assert.All(list.Benefits, b => Assert.Equal(TierRank(b.Benefit.MinTier) <= 4, b.Available));
        var hotline = Assert.Single(list.Benefits, b => b.Benefit.BenefitId == "vip-hotline");
        Assert.Equal(UnavailableReasons.TierTooLow, hotline.UnavailableReason);
        var research = Assert.Single(list.Benefits, b => b.Benefit.BenefitId == "research-reports");
        Assert.Equal((0, true, ""), (research.Used, research.Available, research.UnavailableReason));
    }

    [Fact]
    public async Task ARedemptionIsIdempotentOnItsKeyAndPublishedOnce()
    {
        var clientId = await ClientAtAsync(250_000);
        var benefitId = await CreateAsync(Tier.V3, new Quota { Count = 2, Period = "year" });
        var request = new RedeemRequest { ClientId = clientId, BenefitId = benefitId, RedemptionKey = "order-1" };

        var first = await benefits.RedeemAsync(request);
        var again = await benefits.RedeemAsync(request);
        var list = await benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });

        Assert.Equal((false, 1, 1, "V4"), (first.Duplicate, first.Used, first.Remaining, first.Redemption.Tier));
        Assert.Equal((true, first.Redemption.RedemptionId, first.Redemption.RedeemedAt), (again.Duplicate, again.Redemption.RedemptionId, again.Redemption.RedeemedAt));
        var listed = Assert.Single(list.Benefits, b => b.Benefit.BenefitId == benefitId);
        Assert.Equal((1, 1, true), (listed.Used, listed.Remaining, listed.Available));
        Assert.Equal(1, await RedemptionsAsync(clientId, benefitId));
        // A redemption with another key, after the retry: its event follows anything the retry published, on the client's partition.
        var sentinel = await benefits.RedeemAsync(new RedeemRequest(request) { RedemptionKey = "order-2" });
        var published = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, Topics.TieringEvents, 2, TimeSpan.FromSeconds(30),
            m => m.Key == clientId && m.Header("event-type") == nameof(Events.BenefitRedeemed));
        var redeemed = published.Select(m => Events.BenefitRedeemed.Parser.ParseFrom(m.Value)).ToList();
        Assert.Equal((benefitId, "V4"), (redeemed[0].BenefitId, redeemed[0].Tier));
        Assert.Equal([first.Redemption.RedemptionId, sentinel.Redemption.RedemptionId], redeemed.Select(r => r.RedemptionId));
    }

    [Fact]
    public async Task RacingRedemptionsNeverExceedTheQuota()
    {
        var clientId = await ClientAtAsync(250_000);
        var benefitId = await CreateAsync(Tier.V2, new Quota { Count = 2, Period = "month" });

        var attempts = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => OutcomeAsync(
            benefits.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = benefitId, RedemptionKey = $"race-{i}" }).ResponseAsync)));

        Assert.Equal(2, attempts.Count(a => a == StatusCode.OK));
        Assert.Equal(22, attempts.Count(a => a == StatusCode.FailedPrecondition));
        Assert.Equal(2, await RedemptionsAsync(clientId, benefitId));
    }

    [Fact]
    public async Task RacingRetriesOfOneKeyMakeOneRedemption()
    {
        var clientId = await ClientAtAsync(250_000);
        var benefitId = await CreateAsync(Tier.V2, null);
        var request = new RedeemRequest { ClientId = clientId, BenefitId = benefitId, RedemptionKey = "tap-twice" };

        var replies = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => benefits.RedeemAsync(request).ResponseAsync));

        Assert.Single(replies.Select(r => r.Redemption.RedemptionId).Distinct());
        Assert.Single(replies, r => !r.Duplicate);
        Assert.Equal(1, await RedemptionsAsync(clientId, benefitId));
    }

    [Fact]
    public async Task RefusalsSayWhyAndChangeNothing()
    {
        var clientId = await ClientAtAsync(12_000);
        var suspended = await CreateAsync(Tier.V0, new Quota { Count = 0, Period = "month" });
        var anyone = await CreateAsync(Tier.V0, null);
        await benefits.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = anyone, RedemptionKey = "k-1" });

        var tooLow = await RefusedAsync(clientId, "vip-hotline", "k-2");
        var quota = await RefusedAsync(clientId, suspended, "k-3");
        var unknown = await RefusedAsync(clientId, "no-such-benefit", "k-4");
        var reusedKey = await RefusedAsync(clientId, suspended, "k-1");
        var unknownClient = await RefusedAsync("t-unknown", anyone, "k-5");
        var noKey = await RefusedAsync(clientId, anyone, "");

        Assert.Equal((StatusCode.PermissionDenied, "This benefit needs tier V5 or above; the client is V2."), (tooLow.StatusCode, tooLow.Status.Detail));
        Assert.Equal(StatusCode.FailedPrecondition, quota.StatusCode);
        Assert.Contains("quota of 0 per month is used up", quota.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, reusedKey.StatusCode);
        Assert.Contains($"was used for benefit '{anyone}'", reusedKey.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknownClient.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, noKey.StatusCode);
        await using var scope = service.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TieringDbContext>().BenefitRedemptions.CountAsync(r => r.ClientId == clientId));
    }

    [Fact]
    public async Task ADowngradeWithdrawsTheBenefitsOfTheTierLeft()
    {
        var clientId = await ClientAtAsync(250_000);
        await benefits.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = "research-reports", RedemptionKey = "before" });
        // From the window's second day on 12,000: ADA 23,900, far below 90% of V4's 200,000.
        await driver.HandledAsync(await driver.SnapshotAsync(clientId, TieringDriver.LastTradingDays(20)[1], 12_000));

        // Two reviews below the hysteresis: the first warns, the second downgrades (the sweep's path, without its clock).
        await ReviewAsync(clientId, DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddDays(-1));
        await ReviewAsync(clientId, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var list = await benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });
        var refused = await RefusedAsync(clientId, "research-reports", "after");
        var retried = await benefits.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = "research-reports", RedemptionKey = "before" });

        Assert.NotEqual("V4", list.Tier);
        var research = Assert.Single(list.Benefits, b => b.Benefit.BenefitId == "research-reports");
        Assert.Equal((false, UnavailableReasons.TierTooLow, 1), (research.Available, research.UnavailableReason, research.Used));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.True(retried.Duplicate, "a retry of a redemption made before the downgrade still finds it");
    }

    [Fact]
    public async Task OperatorsChangeTheCatalogueAndClientsSeeItAtOnce()
    {
        var clientId = await ClientAtAsync(250_000);
        var benefitId = await CreateAsync(Tier.V4, null);
        await benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });   // caches the catalogue

        var changed = await catalog.UpdateBenefitAsync(new BenefitDefinition
        {
            BenefitId = benefitId, Name = "Raised", Kind = "service", MinTier = "V5", Quota = new Quota { Count = 3, Period = "quarter" }, Active = true,
        });
        var list = await benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });
        await catalog.UpdateBenefitAsync(new BenefitDefinition { BenefitId = benefitId, Name = "Retired", Kind = "service", MinTier = "V5" });
        var afterRetiring = await benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });

        Assert.Equal((2, "V5", 3), (changed.Version, changed.MinTier, changed.Quota.Count));
        var listed = Assert.Single(list.Benefits, b => b.Benefit.BenefitId == benefitId);
        Assert.Equal(("Raised", false, UnavailableReasons.TierTooLow), (listed.Benefit.Name, listed.Available, listed.UnavailableReason));
        Assert.DoesNotContain(afterRetiring.Benefits, b => b.Benefit.BenefitId == benefitId);
        Assert.Equal(StatusCode.NotFound, (await RefusedAsync(clientId, benefitId, "k")).StatusCode);
    }

    [Fact]
    public async Task RacingUpdatesOfOneBenefitNeverLoseOneSilently()
    {
        var benefitId = await CreateAsync(Tier.V1, null);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => OutcomeAsync(catalog.UpdateBenefitAsync(new BenefitDefinition
        {
            BenefitId = benefitId, Name = $"Edit {i}", Kind = "service", MinTier = "V1", Active = true,
        }).ResponseAsync)));
        var saved = await catalog.GetBenefitAsync(new GetBenefitRequest { BenefitId = benefitId });

        // Every update either stored a version of its own or was told to retry: the version counts the stored ones.
        Assert.All(outcomes, o => Assert.Contains(o, new[] { StatusCode.OK, StatusCode.Aborted }));
        Assert.Equal(1 + outcomes.Count(o => o == StatusCode.OK), saved.Version);
    }

    [Fact]
    public async Task BadDefinitionsAreFieldErrorsAndATakenIdIsAConflict()
    {
        var invalid = await Assert.ThrowsAsync<RpcException>(() => catalog.CreateBenefitAsync(new BenefitDefinition
        {
            BenefitId = "neg", Name = "Negative", Kind = "privilege", MinTier = "V9", Quota = new Quota { Count = -1, Period = "year" },
        }).ResponseAsync);
        var taken = await Assert.ThrowsAsync<RpcException>(() => catalog.CreateBenefitAsync(new BenefitDefinition
        {
            BenefitId = "golf-day", Name = "again", Kind = "privilege", MinTier = "V7", Active = true,
        }).ResponseAsync.ContinueWith(_ => catalog.CreateBenefitAsync(new BenefitDefinition
        {
            BenefitId = "golf-day", Name = "again", Kind = "privilege", MinTier = "V7", Active = true,
        }).ResponseAsync).Unwrap());
        var unknown = await Assert.ThrowsAsync<RpcException>(() => catalog.UpdateBenefitAsync(new BenefitDefinition
        {
            BenefitId = "never-created", Name = "x", Kind = "service", MinTier = "V1",
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("minTier", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("quota.count", invalid.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        await using var scope = service.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<TieringDbContext>().Benefits.AnyAsync(b => b.BenefitId == "neg"));
    }

    [Fact]
    public async Task ListsComeFromRedisCopiesAndFromTheDatabaseWhenRedisIsDown()
    {
        await using var ownRedis = await RedisServer.StartAsync();
        var database = postgres.Server.NewDatabaseConnectionString("benefitcache");
        await using var host = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName, database, ownRedis.ConnectionString,
            broker.BootstrapServers);
        using var hostDriver = new TieringDriver(host, broker.BootstrapServers);
        var hostBenefits = new BenefitsService.BenefitsServiceClient(host.CreateGrpcChannel());
        var clientId = "t-" + Guid.NewGuid().ToString("N")[..12];
        await hostDriver.HandledAsync(await hostDriver.ApproveAsync(clientId));
        await hostDriver.HandledAsync(await hostDriver.SnapshotAsync(clientId, TieringDriver.LastTradingDays(20)[0], 60_000));
        await hostBenefits.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = "level2-market-data", RedemptionKey = "cached" });
        await hostBenefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });

        bool[] copies;
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(ownRedis.ConnectionString))
        {
            var prefix = ServiceHosts.KeyPrefixFor(database);
            copies = await Task.WhenAll(new[] { BenefitCache.CatalogKey, BenefitCache.UsageKey(clientId), TierCache.Key(clientId) }
                .Select(key => connection.GetDatabase().KeyExistsAsync(key.Prepend(prefix))));
        }

        await ownRedis.StopAsync();
        var redeemed = await hostBenefits.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = "level2-market-data", RedemptionKey = "uncached" });
        var fromDatabase = await hostBenefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId });

        Assert.Equal([true, true, true], copies);
        Assert.False(redeemed.Duplicate);
        Assert.Equal(("V3", 36), (fromDatabase.Tier, fromDatabase.Benefits.Count));
        Assert.Equal(2, Assert.Single(fromDatabase.Benefits, b => b.Benefit.BenefitId == "level2-market-data").Used);
    }

    /// <summary>An approved client whose first snapshot of the window carries <paramref name="assets"/> to today.</summary>
    private async Task<string> ClientAtAsync(long assets)
    {
        var clientId = "t-" + Guid.NewGuid().ToString("N")[..12];
        await driver.HandledAsync(await driver.ApproveAsync(clientId));
        await driver.HandledAsync(await driver.SnapshotAsync(clientId, TieringDriver.LastTradingDays(20)[0], assets));
        return clientId;
    }

    private async Task<string> CreateAsync(Tier minTier, Quota? quota)
    {
        var benefitId = "b-" + Guid.NewGuid().ToString("N")[..12];
        await catalog.CreateBenefitAsync(new BenefitDefinition
        {
            BenefitId = benefitId, Name = $"Test benefit {benefitId}", Kind = "privilege", MinTier = minTier.ToString(), Quota = quota, Active = true,
        });
        return benefitId;
    }

    private Task<RpcException> RefusedAsync(string clientId, string benefitId, string key) =>
        Assert.ThrowsAsync<RpcException>(() => benefits.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = benefitId, RedemptionKey = key })
            .ResponseAsync);

    private static async Task<StatusCode> OutcomeAsync(Task call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    private async Task<int> RedemptionsAsync(string clientId, string benefitId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TieringDbContext>().BenefitRedemptions
            .CountAsync(r => r.ClientId == clientId && r.BenefitId == benefitId);
    }

    private async Task ReviewAsync(string clientId, DateTimeOffset reviewAt, DateTimeOffset nextReviewAt)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
        var tiers = scope.ServiceProvider.GetRequiredService<TierRecalculator>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.LockClientAsync(clientId, CancellationToken.None);
        var histories = await tiers.LoadHistoriesAsync([clientId], CancellationToken.None);
        tiers.Review(await db.ClientTiers.SingleAsync(c => c.ClientId == clientId), histories[clientId],
            await tiers.CurrentTableAsync(CancellationToken.None), reviewAt, nextReviewAt);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        await tiers.CommittedAsync(CancellationToken.None);
    }

    private static int TierRank(string tier) => tier[1] - '0';
}
