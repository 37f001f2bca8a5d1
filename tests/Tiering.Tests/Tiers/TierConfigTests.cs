using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Envelope;
using Platform.DevBroker;
using Platform.ServiceDefaults;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Platform.Tiering.Grpc;
using Platform.Tiering.Tiers;
using Amount = Platform.Tiering.Events.Amount;

namespace Platform.Tiering.Tests.Tiers;

/// <summary>Operators' tier table: versioned, validated, applied to every client without a restart; the tier distribution.</summary>
/// <remarks>A broker of its own: on the shared one this host would also count the other tests' clients.</remarks>
public sealed class TierConfigTests(PostgresFixture postgres, RedisFixture redis) : IAsyncLifetime
{
    private readonly EmbeddedKafka broker = EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 });
    private ServiceFactory<TieringDbContext> service = null!;
    private TieringDriver driver = null!;
    private TierConfigService.TierConfigServiceClient config = null!;

    public async ValueTask InitializeAsync()
    {
        service = await ServiceHosts.StartAsync<TieringDbContext>(TieringExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("tierconfig"), redis.Server.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?> { ["Tiering:Sweep:PollInterval"] = "00:00:00.200", ["Tiering:TableCacheTime"] = "00:00:00" });
        driver = new TieringDriver(service, broker.BootstrapServers);
        config = new TierConfigService.TierConfigServiceClient(service.CreateGrpcChannel(TestTokens.Operator()));
    }

    public async ValueTask DisposeAsync()
    {
        driver.Dispose();
        await service.DisposeAsync();
        broker.Dispose();
    }

    [Fact]
    public async Task LowerThresholdsUpgradeClientsAtOnceInANewVersion()
    {
        var clientId = "tc-" + Guid.NewGuid().ToString("N")[..10];
        await driver.HandledAsync(await driver.ApproveAsync(clientId));
        await driver.HandledAsync(await driver.SnapshotAsync(clientId, TieringDriver.LastTradingDays(20)[0], 150_000));
        Assert.Equal("V3", (await driver.Client.GetTierAsync(new GetTierRequest { ClientId = clientId })).Tier);
        var before = await config.GetTierTableAsync(new GetTierTableRequest());

        var saved = await config.PutTierTableAsync(Table(0.01m, 10_000m, 50_000m, 100_000m, 1_000_000m, 5_000_000m, 10_000_000m));
        await ChildProcess.WaitUntilAsync(async () =>
            (await driver.Client.GetTierAsync(new GetTierRequest { ClientId = clientId })).Tier == "V4", TimeSpan.FromSeconds(60),
            "the sweep applying the new table");
        var history = await driver.Client.GetTierHistoryAsync(new GetTierRequest { ClientId = clientId });

        Assert.Equal((before.Version + 1, 100_000m), (saved.Version, saved.Minimums[3].ToDecimal()));
        Assert.Equal(saved.Version, (await config.GetTierTableAsync(new GetTierTableRequest())).Version);
        Assert.Equal(TierChangeReasons.ThresholdsChanged, history.Entries[^1].Reason);
    }

    [Fact]
    public async Task ARefusedTableNamesTheFieldAndChangesNothing()
    {
        var before = await config.GetTierTableAsync(new GetTierTableRequest());

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            config.PutTierTableAsync(Table(0.01m, 10_000m, 5_000m, 200_000m, 1_000_000m, 5_000_000m, 10_000_000m)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("thresholds", System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(
            error.Trailers.GetValueBytes(GrpcFieldErrors.Trailer))!.Keys);
        Assert.Equal(before.Version, (await config.GetTierTableAsync(new GetTierTableRequest())).Version);
    }

    [Fact]
    public async Task TheDashboardsTierDistributionCountsClientsPerTier()
    {
        foreach (var (clientId, assets) in new[] { ("td-a-" + Guid.NewGuid().ToString("N")[..8], 60_000L), ("td-b-" + Guid.NewGuid().ToString("N")[..8], 300_000L) })
        {
            await driver.HandledAsync(await driver.ApproveAsync(clientId));
            await driver.HandledAsync(await driver.SnapshotAsync(clientId, TieringDriver.LastTradingDays(20)[0], assets));
        }

        var meters = service.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var measured = new Dictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "tiering.clients" && ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => measured[(string)tags[0].Value!] = value);
        listener.Start();

        await ChildProcess.WaitUntilAsync(() =>
        {
            measured.Clear(); // a tier without clients any more reports nothing
            listener.RecordObservableInstruments();
            return Task.FromResult(measured.GetValueOrDefault("V3") == 1 && measured.GetValueOrDefault("V4") == 1);
        }, TimeSpan.FromSeconds(60), "the gauge counting one client at V3 and one at V4");

        Assert.Equal(2, measured.Values.Sum());
    }

    private static PutTierTableRequest Table(params decimal[] minimums)
    {
        var request = new PutTierTableRequest { WindowDays = 20, DowngradeBelow = 0.9m.ToExact<Amount>(), NearNextTier = 0.9m.ToExact<Amount>() };
        request.Minimums.AddRange(minimums.Select(m => m.ToExact<Amount>()));
        return request;
    }
}
