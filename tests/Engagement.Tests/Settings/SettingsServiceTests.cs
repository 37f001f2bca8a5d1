using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Grpc;
using Platform.Engagement.Settings;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Settings;

/// <summary>GET|PUT of the pipeline settings on the real service and database: versions, history, roles, and two instances.</summary>
public sealed class SettingsServiceTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private string database = null!;
    private ServiceFactory<EngagementDbContext> first = null!;
    private EngagementSettingsService.EngagementSettingsServiceClient settings = null!;

    public async ValueTask InitializeAsync()
    {
        database = postgres.Server.NewDatabaseConnectionString("engagement");
        // An hour: what this instance uses after a PUT it answered can only come from that PUT, not from a new read.
        first = await StartAsync("01:00:00");
        settings = Client(first, TestTokens.Operator());
    }

    public async ValueTask DisposeAsync() => await first.DisposeAsync();

    [Fact]
    public async Task TheDefaultsAreVersionOne()
    {
        var current = await settings.GetSettingsAsync(new GetEngagementSettingsRequest());

        Assert.Equal(1, current.Version);
        Assert.Equal(SettingsDefaults.Spec(), current.Settings);
    }

    [Fact]
    public async Task EachPutIsTheNextVersionAndTheHistoryKeepsEveryOne()
    {
        var changed = SettingsDefaults.Spec();
        changed.HoldoutPercent = "12.5";
        changed.QuietHours.TimeZone = "Europe/Berlin";

        var second = await settings.PutSettingsAsync(new PutEngagementSettingsRequest { Settings = changed });
        changed.PriorityWindow = "PT2M";
        var third = await settings.PutSettingsAsync(new PutEngagementSettingsRequest { Settings = changed });

        Assert.Equal((2, 3), (second.Version, third.Version));
        var current = await settings.GetSettingsAsync(new GetEngagementSettingsRequest());
        Assert.Equal(3, current.Version);
        Assert.Equal(changed, current.Settings);
        var history = await settings.ListSettingsVersionsAsync(new ListEngagementSettingsVersionsRequest());
        Assert.Equal([3, 2, 1], history.Versions.Select(v => v.Version));
        Assert.Equal("12.5", history.Versions[1].Settings.HoldoutPercent);
        Assert.Equal("PT1M", history.Versions[1].Settings.PriorityWindow);
    }

    [Fact]
    public async Task ARefusedPutNamesItsFieldsAndChangesNothing()
    {
        var bad = SettingsDefaults.Spec();
        bad.QuietHours.Start = "25:00";
        bad.Caps["sms"].Per = "P1M";

        var refused = await Assert.ThrowsAsync<RpcException>(() => settings.PutSettingsAsync(new PutEngagementSettingsRequest { Settings = bad }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(refused.Trailers.GetValueBytes("field-errors-bin"))!;
        Assert.Equal(["caps.sms.per", "quietHours.start"], fields.Keys.Order());
        Assert.Equal(1, (await settings.GetSettingsAsync(new GetEngagementSettingsRequest())).Version);
    }

    [Theory]
    [InlineData("system")]
    [InlineData("client")]
    public async Task OnlyOperatorsReadOrChangeTheSettings(string role)
    {
        var other = Client(first, TestTokens.Mint(role, "c-1"));

        var refused = await Assert.ThrowsAsync<RpcException>(() => other.GetSettingsAsync(new GetEngagementSettingsRequest()).ResponseAsync);
        var unauthenticated = await Assert.ThrowsAsync<RpcException>(() => Client(first, null).GetSettingsAsync(new GetEngagementSettingsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task APutIsInForceAtOnceWhereItWasAnsweredAndSoonInEveryOtherInstance()
    {
        await using var second = await StartAsync("00:00:01");
        var reader = first.Services.GetRequiredService<SettingsReader>();
        var otherReader = second.Services.GetRequiredService<SettingsReader>();
        // Both have read version 1.
        Assert.Equal(1, (await reader.GetCurrentAsync(CancellationToken.None)).Version);
        Assert.Equal(1, (await otherReader.GetCurrentAsync(CancellationToken.None)).Version);
        var changed = SettingsDefaults.Spec();
        changed.HoldoutPercent = "20";

        await settings.PutSettingsAsync(new PutEngagementSettingsRequest { Settings = changed });

        var here = await reader.GetCurrentAsync(CancellationToken.None);
        Assert.Equal((2, 20m), (here.Version, here.Settings.HoldoutPercent));
        await ChildProcess.WaitUntilAsync(async () => (await otherReader.GetCurrentAsync(CancellationToken.None)).Version == 2,
            TimeSpan.FromSeconds(60), "the other instance to use version 2");
    }

    private async Task<ServiceFactory<EngagementDbContext>> StartAsync(string cacheTime)
    {
        var service = new ServiceFactory<EngagementDbContext>(new Dictionary<string, string?>
        {
            ["ConnectionStrings:engagementdb"] = database,
            ["ConnectionStrings:redis"] = redis.Server.ConnectionString,
            ["ConnectionStrings:kafka"] = broker.BootstrapServers,
            ["Messaging:ConsumerGroupSuffix"] = "-" + new Npgsql.NpgsqlConnectionStringBuilder(database).Database,
            ["Engagement:Settings:CacheTime"] = cacheTime,
        });
        await service.WaitUntilHealthyAsync();
        return service;
    }

    private static EngagementSettingsService.EngagementSettingsServiceClient Client(ServiceFactory<EngagementDbContext> service, string? token) =>
        new(service.CreateGrpcChannel(token));
}
