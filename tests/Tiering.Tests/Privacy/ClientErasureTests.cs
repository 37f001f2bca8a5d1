using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Events;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Privacy;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Grpc;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Tiering.Tests.Privacy;

/// <summary>Tiering's part of an erasure: the client's tier, history, facts and copies gone, and nothing of it stored again.</summary>
public sealed class ClientErasureTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly string[] ClientTables = ["client_tiers", "tier_history", "asset_snapshots", "asset_flows", "benefit_redemptions"];

    private ServiceFactory<TieringDbContext> service = null!;
    private TieringDriver driver = null!;
    private BenefitsService.BenefitsServiceClient benefits = null!;

    public async ValueTask InitializeAsync()
    {
        service = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("tiering"), redis.Server.ConnectionString, broker.BootstrapServers);
        driver = new TieringDriver(service, broker.BootstrapServers);
        benefits = new BenefitsService.BenefitsServiceClient(service.CreateGrpcChannel());
    }

    public async ValueTask DisposeAsync()
    {
        driver.Dispose();
        await service.DisposeAsync();
    }

    [Fact]
    public async Task AnErasureDeletesTheClientsTierHistoryAndFactsAndItsRoutesAnswerNotFoundCopiesIncluded()
    {
        var (erased, kept) = (NewClient(), NewClient());
        foreach (var client in new[] { erased, kept })
        {
            await driver.HandledAsync(await driver.ApproveAsync(client));
            await driver.HandledAsync(await driver.SnapshotAsync(client, TieringDriver.Today, 60_000), await driver.DepositAsync(client, TieringDriver.Today, 1_000));
        }

        Assert.Equal(erased, (await driver.Client.GetTierAsync(new GetTierRequest { ClientId = erased })).ClientId); // the copy in Redis, read first
        await benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = erased });
        Assert.All((await RowsAsync(erased)).Take(4).Where((_, table) => table != 1), count => Assert.True(count > 0)); // V0: no history yet

        await driver.HandledAsync(await driver.PublishAsync(Topics.EngagementEvents, Erasure(erased)));

        Assert.All(await RowsAsync(erased), count => Assert.Equal(0, count));
        Assert.All((await RowsAsync(kept)).Take(4).Where((_, table) => table != 1), count => Assert.True(count > 0));
        await AssertNotFoundAsync(driver.Client.GetTierAsync(new GetTierRequest { ClientId = erased }).ResponseAsync);
        await AssertNotFoundAsync(driver.Client.GetTierHistoryAsync(new GetTierRequest { ClientId = erased }).ResponseAsync);
        await AssertNotFoundAsync(benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = erased }).ResponseAsync);
        Assert.Equal(kept, (await driver.Client.GetTierAsync(new GetTierRequest { ClientId = kept })).ClientId);
    }

    [Fact]
    public async Task FactsOfAnErasedClientStillInFlightStoreNothingAndASecondErasureIsHarmless()
    {
        var (erased, other) = (NewClient(), NewClient());
        await driver.HandledAsync(await driver.PublishAsync(Topics.EngagementEvents, Erasure(erased)));
        await driver.HandledAsync(await driver.PublishAsync(Topics.EngagementEvents, Erasure(erased)));

        // After both erasures, so that neither could delete what these leave behind. One batch with another client's facts: the erased client's are dropped, the other's kept.
        var inFlight = new[]
        {
            TieringDriver.Approval(erased), TieringDriver.Approval(other),
            TieringDriver.Snapshot(erased, TieringDriver.Today, 60_000), TieringDriver.Snapshot(other, TieringDriver.Today, 60_000),
            TieringDriver.Deposit(erased, TieringDriver.Today, 1_000),
        };
        var ids = new List<Guid>();
        foreach (var envelope in inFlight)
        {
            ids.Add(await driver.PublishAsync(envelope.EventType == nameof(Onboarding.Events.AccountApproved) ? Topics.OnboardingEvents : Topics.ActivityEvents, envelope));
        }

        await driver.HandledAsync([.. ids]);

        Assert.All(await RowsAsync(erased), count => Assert.Equal(0, count));
        await AssertNotFoundAsync(driver.Client.GetTierAsync(new GetTierRequest { ClientId = erased }).ResponseAsync);
        Assert.Equal(other, (await driver.Client.GetTierAsync(new GetTierRequest { ClientId = other })).ClientId);
        await using var scope = service.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<TieringDbContext>().Set<ErasedClient>().CountAsync(e => e.ClientId == erased));
    }

    private static EventEnvelope Erasure(string clientId)
    {
        var now = DateTimeOffset.UtcNow;
        return EventEnvelope.Create(clientId, new ClientErased { ClientId = clientId, ErasedAt = Timestamp.FromDateTimeOffset(now) }, now, now);
    }

    private static async Task AssertNotFoundAsync(Task call) =>
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => call)).StatusCode);

    /// <summary>The client's rows in each table Tiering keeps about clients (<see cref="ClientTables"/>, in that order).</summary>
    private async Task<int[]> RowsAsync(string clientId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
        return await ClientRows.CountAsync(db, ClientTables, clientId);
    }

    private static string NewClient() => "c-" + Guid.NewGuid().ToString("N")[..12];
}
