using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Onboarding.Grpc;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests.Auth;

/// <summary>
/// Onboarding authenticates every caller from its bearer token (the gateway forwards its
/// caller's), never from a field of the request: a process that merely reaches the service can
/// neither record an approval nor read another client's progress.
/// </summary>
public sealed class CallerAuthenticationTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ServiceFactory<OnboardingDbContext> service = null!;

    public async ValueTask InitializeAsync() => service = await OnboardingHost.StartAsync(postgres, redis, broker);

    public async ValueTask DisposeAsync() => await service.DisposeAsync();

    public static TheoryData<string, string?, StatusCode> RefusedTokens => new()
    {
        { "no token", null, StatusCode.Unauthenticated },
        { "signed with another key", TestTokens.Mint("system", "core", signingKey: "another-key-of-at-least-32-bytes-0123456789"), StatusCode.Unauthenticated },
        { "expired", TestTokens.Mint("system", "core", expiresAt: DateTimeOffset.UtcNow.AddMinutes(-10)), StatusCode.Unauthenticated },
        { "for another audience", TestTokens.Mint("system", "core", audience: "another-service"), StatusCode.Unauthenticated },
        { "from another issuer", TestTokens.Mint("system", "core", issuer: "someone-else"), StatusCode.Unauthenticated },
        { "valid, but without a known role", TestTokens.Mint("janitor", "core"), StatusCode.PermissionDenied },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task ACallWithoutAValidTokenIsRefusedAndRecordsNothing(string why, string? token, StatusCode expected)
    {
        var clientId = NewClientId();
        var onboarding = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel(token));

        var refused = await Assert.ThrowsAsync<RpcException>(() => onboarding.RecordStepAsync(Step(clientId, "approved")).ResponseAsync);

        Assert.True(refused.StatusCode == expected, $"{why}: {refused.StatusCode}");
        var progress = await Assert.ThrowsAsync<RpcException>(() =>
            new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel()).GetProgressAsync(new GetProgressRequest { ClientId = clientId }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, progress.StatusCode);
    }

    [Fact]
    public async Task AClientCannotRecordAnApproval()
    {
        var clientId = NewClientId();
        var asClient = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel(TestTokens.Client(clientId)));
        await asClient.RecordStepAsync(Step(clientId, "registered"));

        var refused = await Assert.ThrowsAsync<RpcException>(() => asClient.RecordStepAsync(Step(clientId, "approved")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        var progress = await asClient.GetProgressAsync(new GetProgressRequest { ClientId = clientId });
        Assert.Equal("in_progress", progress.Status);
    }

    [Fact]
    public async Task AClientReachesOnlyItsOwnClientId()
    {
        var (mine, theirs) = (NewClientId(), NewClientId());
        var system = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel());
        await system.RecordStepAsync(Step(theirs, "registered"));
        var asClient = new OnboardingService.OnboardingServiceClient(service.CreateGrpcChannel(TestTokens.Client(mine)));

        var write = await Assert.ThrowsAsync<RpcException>(() => asClient.RecordStepAsync(Step(theirs, "phone_verified")).ResponseAsync);
        var read = await Assert.ThrowsAsync<RpcException>(() => asClient.GetProgressAsync(new GetProgressRequest { ClientId = theirs }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, write.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal(["registered"], (await system.GetProgressAsync(new GetProgressRequest { ClientId = theirs })).CompletedSteps);
    }

    [Theory]
    [InlineData("client")]
    [InlineData("system")]
    public async Task OnlyOperatorsReadFunnelsAndReports(string role)
    {
        var channel = service.CreateGrpcChannel(TestTokens.Mint(role, "someone"));

        var funnel = await Assert.ThrowsAsync<RpcException>(() => new FunnelConfigService.FunnelConfigServiceClient(channel)
            .GetFunnelAsync(new GetFunnelRequest { Name = "standard" }).ResponseAsync);
        var report = await Assert.ThrowsAsync<RpcException>(() => new FunnelReportService.FunnelReportServiceClient(channel)
            .GetFunnelReportAsync(new FunnelReportRequest { Funnel = "standard" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, funnel.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, report.StatusCode);
        var asOperator = new FunnelConfigService.FunnelConfigServiceClient(service.CreateGrpcChannel(TestTokens.Operator()));
        Assert.Equal("standard", (await asOperator.GetFunnelAsync(new GetFunnelRequest { Name = "standard" })).Name);
    }

    [Fact]
    public async Task HealthProbesNeedNoToken()
    {
        var health = new Health.HealthClient(service.CreateGrpcChannel(bearerToken: null));

        var reply = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task AServiceRefusesTheDevelopmentKeyOutsideDevelopment(string environment)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration["Platform:Auth:DevSigningKey"] = TestTokens.SigningKey;
        builder.AddServiceAuthentication();
        using var host = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Platform:Auth:DevSigningKey is accepted only in the Development environment", refused.Message, StringComparison.Ordinal);
    }

    private static string NewClientId() => "auth-" + Guid.NewGuid().ToString("N")[..12];

    private static RecordStepRequest Step(string clientId, string step) => new()
    {
        EventId = Guid.CreateVersion7().ToString(),
        ClientId = clientId,
        Funnel = "standard",
        Step = step,
        OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
        Channel = "short_video",
    };
}
