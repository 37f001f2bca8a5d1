using Grpc.Core;
using Platform.ServiceDefaults;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Funnel;

public sealed class StepValidationTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ServiceFactory<OnboardingDbContext> service = null!;
    private OnboardingDriver onboarding = null!;

    public async ValueTask InitializeAsync()
    {
        service = await OnboardingHost.StartAsync(postgres, redis, broker);
        onboarding = new OnboardingDriver(service, broker.BootstrapServers);
    }

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    [Theory]
    [InlineData("risk_assessed", null, null, "riskLevel")]
    [InlineData("risk_assessed", "C6", null, "riskLevel")]
    [InlineData("id_uploaded", "C3", null, "riskLevel")]
    [InlineData("rejected", null, null, "backToStep")]
    [InlineData("id_uploaded", null, "wechat_moments", "channel")]
    public async Task ABadStepIsRefusedNamingTheFieldAndRecordsNothing(string step, string? riskLevel, string? channel, string field)
    {
        var clientId = OnboardingDriver.NewClientId();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            onboarding.StepAsync(clientId, step, DateTimeOffset.UtcNow, channel ?? "short_video", riskLevel));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(field, FieldErrors(error).Keys);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => onboarding.ProgressAsync(clientId))).StatusCode);
    }

    [Fact]
    public async Task AStepMoreThanFiveMinutesInTheFutureIsRefused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            onboarding.StepAsync(OnboardingDriver.NewClientId(), "registered", DateTimeOffset.UtcNow.AddMinutes(6)));

        Assert.Contains("occurredAt", FieldErrors(error).Keys);
        await onboarding.StepAsync(OnboardingDriver.NewClientId(), "registered", DateTimeOffset.UtcNow.AddMinutes(4));
    }

    [Fact]
    public async Task AClientIdLongerThanTheServicesMaximumIsRefusedNamingIt()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => onboarding.StepAsync(new string('c', 65), "registered", DateTimeOffset.UtcNow));

        Assert.Equal(["is required, at most 64 characters"], FieldErrors(error)["clientId"]);
        Assert.Equal("registered", (await onboarding.StepAsync(new string('c', 63) + "-", "registered", DateTimeOffset.UtcNow)).CurrentStep);
    }

    [Fact]
    public async Task AStepFurtherInTheFutureThanTheConfiguredSkewIsRefusedNamingTheSkew()
    {
        await using var skewed = await OnboardingHost.StartAsync(postgres.Server.NewDatabaseConnectionString("skew"), redis.Server.ConnectionString,
            broker.BootstrapServers, settings: new Dictionary<string, string?> { ["Onboarding:Funnel:MaxClockSkew"] = "00:02:00" });
        var driver = new OnboardingDriver(skewed, broker.BootstrapServers);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            driver.StepAsync(OnboardingDriver.NewClientId(), "registered", DateTimeOffset.UtcNow.AddMinutes(3)));

        Assert.Equal(["is more than 2 minutes in the future (Onboarding:Funnel:MaxClockSkew)"], FieldErrors(error)["occurredAt"]);
    }

    [Fact]
    public async Task AnUnknownFunnelIsRefused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            onboarding.StepAsync(OnboardingDriver.NewClientId(), "registered", DateTimeOffset.UtcNow, funnel: "premium"));

        Assert.Contains("unknown funnel", FieldErrors(error)["funnel"][0]);
    }

    [Fact]
    public async Task TheRiskLevelOfTheAssessmentTravelsWithTheApproval()
    {
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepsThroughAsync(clientId, "approved", DateTimeOffset.UtcNow.AddHours(-1));

        var approved = Assert.Single(await onboarding.EverythingPublishedForAsync(clientId), m => m.Header("event-type") == "AccountApproved");
        Assert.Equal("C3", Events.AccountApproved.Parser.ParseFrom(approved.Value).RiskLevel);
    }

    private static Dictionary<string, string[]> FieldErrors(RpcException error) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(error.Trailers.GetValueBytes(GrpcFieldErrors.Trailer))!;
}
