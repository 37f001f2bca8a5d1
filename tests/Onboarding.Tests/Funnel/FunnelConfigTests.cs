using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Onboarding.Grpc;
using Platform.ServiceDefaults;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Funnel;

public sealed class FunnelConfigTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-2);
    private ServiceFactory<OnboardingDbContext> service = null!;
    private FunnelConfigService.FunnelConfigServiceClient config = null!;
    private OnboardingDriver onboarding = null!;

    public async ValueTask InitializeAsync()
    {
        // Latest-version cache off: the change must show on the next request.
        service = await OnboardingHost.StartAsync(postgres.Server.NewDatabaseConnectionString("config"), redis.Server.ConnectionString,
            broker.BootstrapServers, settings: new Dictionary<string, string?> { ["Onboarding:Funnel:LatestDefinitionCacheTime"] = "00:00:00" });
        config = new FunnelConfigService.FunnelConfigServiceClient(service.CreateGrpcChannel(TestTokens.Operator()));
        onboarding = new OnboardingDriver(service, broker.BootstrapServers);
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task TheStandardFunnelIsSeededAsVersionOneWithTheDefaultThresholds()
    {
        var standard = await config.GetFunnelAsync(new GetFunnelRequest { Name = "standard" });

        Assert.Equal(1, standard.Version);
        Assert.Equal(13, standard.Steps.Count);
        Assert.Equal(["advisor_referral", "branch"], standard.Steps.Single(s => s.Step == "video_witnessed").OptionalOnChannels);
        Assert.Equal([TimeSpan.FromMinutes(30), TimeSpan.FromHours(24), TimeSpan.FromDays(7)], standard.StallAfter.Select(d => d.ToTimeSpan()));
        Assert.Equal(TimeSpan.FromDays(3), standard.DormantAfter.ToTimeSpan());
    }

    [Fact]
    public async Task AChangeIsANewVersionThatNewClientsGetWhileClientsInTheFunnelKeepTheirs()
    {
        var before = OnboardingDriver.NewClientId();
        await onboarding.StepsThroughAsync(before, "agreements_signed", T0, channel: "app_store");
        var current = await config.GetFunnelAsync(new GetFunnelRequest { Name = "standard" });

        var change = new PutFunnelRequest { Name = "standard", DormantAfter = Duration.FromTimeSpan(TimeSpan.FromDays(5)), ChangedBy = "ops-1" };
        change.StallAfter.AddRange([Duration.FromTimeSpan(TimeSpan.FromMinutes(15)), Duration.FromTimeSpan(TimeSpan.FromHours(48))]);
        change.Steps.AddRange(current.Steps.Select(s => new FunnelStepDefinition
        {
            Step = s.Step,
            OptionalOnChannels = { s.Step == "video_witnessed" ? ["app_store"] : s.OptionalOnChannels },
        }));
        var changed = await config.PutFunnelAsync(change);

        Assert.Equal(current.Version + 1, changed.Version);
        Assert.Equal("ops-1", changed.ChangedBy);
        Assert.Equal(changed.Version, (await config.GetFunnelAsync(new GetFunnelRequest { Name = "standard" })).Version);

        var after = OnboardingDriver.NewClientId();
        await onboarding.StepsThroughAsync(after, "agreements_signed", T0, channel: "app_store");
        Assert.Equal("submitted", (await onboarding.ProgressAsync(after)).NextStep);
        Assert.Equal("video_witnessed", (await onboarding.ProgressAsync(before)).NextStep);
    }

    [Fact]
    public async Task AnInvalidDefinitionIsRefusedWithEveryFieldNamedAndChangesNothing()
    {
        var before = await config.GetFunnelAsync(new GetFunnelRequest { Name = "standard" });
        var change = new PutFunnelRequest { Name = "standard", DormantAfter = Duration.FromTimeSpan(TimeSpan.Zero) };
        change.StallAfter.AddRange([Duration.FromTimeSpan(TimeSpan.FromHours(2)), Duration.FromTimeSpan(TimeSpan.FromHours(1))]);
        change.Steps.AddRange([
            new FunnelStepDefinition { Step = "registered" },
            new FunnelStepDefinition { Step = "id_uploaded", OptionalOnChannels = { "tiktok" } },
            new FunnelStepDefinition { Step = "phone_verified" },
            new FunnelStepDefinition { Step = "opened" },
        ]);

        var error = await Assert.ThrowsAsync<RpcException>(() => config.PutFunnelAsync(change).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(error.Trailers.GetValueBytes(GrpcFieldErrors.Trailer))!;
        Assert.Equal(["dormantAfter", "stallAfter", "steps", "steps[1].optionalOnChannels", "steps[2].step", "steps[3].step"], fields.Keys.Order());
        Assert.Equal(before.Version, (await config.GetFunnelAsync(new GetFunnelRequest { Name = "standard" })).Version);
    }

    [Fact]
    public async Task AnUnknownFunnelIsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => config.GetFunnelAsync(new GetFunnelRequest { Name = "premium" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
