using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Platform.Engagement.Grpc;
using Platform.Messaging;
using Platform.Onboarding.Events;
using Platform.Onboarding.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Processes;

namespace Platform.EndToEnd;

/// <summary>
/// The whole platform through the app host in local mode, on ports and a data folder of its
/// own: a step posted to the gateway reaches Onboarding, PostgreSQL, onboarding.events and
/// Engagement, and is read back through the gateway.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OnboardingJourneyTests(PlatformFixture platform)
{
    private static readonly TimeSpan Deadline = Journeys.Deadline;

    [Fact]
    public async Task AStepPostedThroughTheGatewayIsStoredPublishedSeenByEngagementAndReadBackInOneTrace()
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..10];
        using var gateway = await platform.GatewayAsync("client", clientId);
        var traceId = System.Diagnostics.ActivityTraceId.CreateRandom();

        using var post = new HttpRequestMessage(HttpMethod.Post, "/v1/onboarding/steps")
        {
            Content = JsonContent.Create(new
            {
                eventId = Guid.CreateVersion7(), clientId, funnel = "standard", step = "registered",
                occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), channel = "short_video", campaign = "double11", device = "ios", attempt = 1,
            }),
        };
        post.Headers.Add("traceparent", $"00-{traceId}-{System.Diagnostics.ActivitySpanId.CreateRandom()}-01");
        using var posted = await gateway.SendAsync(post, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var accepted = await posted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("registered", accepted.GetProperty("currentStep").GetString());
        Assert.Equal("phone_verified", accepted.GetProperty("nextStep").GetString());

        var progress = await gateway.GetFromJsonAsync<JsonElement>($"/v1/onboarding/clients/{clientId}/progress", TestContext.Current.CancellationToken);
        Assert.Equal("in_progress", progress.GetProperty("status").GetString());
        Assert.Equal(["registered"], progress.GetProperty("completedSteps").EnumerateArray().Select(s => s.GetString()));

        var published = (await KafkaMessages.ConsumeAsync($"127.0.0.1:{platform.KafkaPort}", Topics.OnboardingEvents, 1, Deadline, m => m.Key == clientId)).Single();
        Assert.Equal("registered", StepRecorded.Parser.ParseFrom(published.Value).Step);
        Assert.Contains(traceId.ToString(), published.Header("traceparent"));

        using var engagementChannel = GrpcChannel.ForAddress(platform.App.GetEndpoint("engagement", "grpc"));
        var engagement = new EngagementService.EngagementServiceClient(engagementChannel);
        var asOperator = await BearerOfAsync("operator", "ops-e2e");
        await ChildProcess.WaitUntilAsync(async () =>
        {
            var timeline = await engagement.GetClientTimelineAsync(new GetClientTimelineRequest { ClientId = clientId }, asOperator,
                deadline: DateTime.UtcNow.AddSeconds(5));
            return timeline.Events.Any(e => e.Summary == "registered");
        }, Deadline, "Engagement seeing the step");
    }

    [Fact]
    public async Task AProspectWalksTheFunnelIsApprovedFundedByADepositAndCountedInTheFunnelReport()
    {
        using var system = await platform.GatewayAsync("system", "core-1");
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..10];
        var campaign = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var steps = await Journeys.ApproveThroughTheFunnelAsync(system, clientId, campaign, at);

        using var activity = await system.PostAsJsonAsync("/v1/activity", new
        {
            events = new object[]
            {
                new { eventId = Guid.CreateVersion7(), clientId, type = "login", occurredAt = at.AddMinutes(20) },
                new { eventId = Guid.CreateVersion7(), clientId, type = "deposit", occurredAt = at.AddMinutes(21), amount = 50_000.00m },
            },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, activity.StatusCode);
        Assert.Equal(2, (await activity.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accepted").GetInt32());

        await ChildProcess.WaitUntilAsync(async () =>
        {
            var progress = await system.GetFromJsonAsync<JsonElement>($"/v1/onboarding/clients/{clientId}/progress");
            return progress.GetProperty("status").GetString() == "funded";
        }, Deadline, "the deposit funding the account");

        using var operatorClient = await platform.GatewayAsync("operator", "ops-1");
        // The report lags recorded steps by the projector's interval (well under the 5 s allowed).
        JsonElement group = default;
        await ChildProcess.WaitUntilAsync(async () =>
        {
            var report = await operatorClient.GetFromJsonAsync<JsonElement>("/v1/reports/funnel?funnel=standard&by=campaign");
            group = report.GetProperty("groups").EnumerateArray().SingleOrDefault(g => g.GetProperty("key").GetString() == campaign);
            return group.ValueKind == JsonValueKind.Object
                && group.GetProperty("steps").EnumerateArray().All(s => s.GetProperty("entered").GetInt32() == 1);
        }, Deadline, "the funnel report counting the prospect");
        Assert.Equal(steps, group.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()));
        Assert.All(group.GetProperty("steps").EnumerateArray(), s => Assert.Equal(1, s.GetProperty("entered").GetInt32()));
        Assert.Equal(1.0, group.GetProperty("overallConversion").GetDouble());

        var funnel = await operatorClient.GetFromJsonAsync<JsonElement>("/v1/config/funnels/standard", TestContext.Current.CancellationToken);
        Assert.Equal(["PT30M", "PT24H", "P7D"], funnel.GetProperty("stallAfter").EnumerateArray().Select(d => d.GetString()));
    }

    [Fact]
    public async Task AClientMayNotReadAnotherClientsProgressAndAnonymousCallersAreRefused()
    {
        using var gateway = await platform.GatewayAsync();
        using var anonymous = await gateway.GetAsync(new Uri("/v1/onboarding/clients/c-2/progress", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        await Journeys.AuthorizeAsync(gateway, "client", "c-1");
        using var other = await gateway.GetAsync(new Uri("/v1/onboarding/clients/c-2/progress", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("tiering")]
    [InlineData("content")]
    [InlineData("onboarding")]
    [InlineData("engagement")]
    public async Task EveryServiceAnswersTheGrpcHealthCheck(string service)
    {
        using var channel = GrpcChannel.ForAddress(platform.App.GetEndpoint(service, "grpc"));

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task AServiceReachedWithoutTheGatewayRefusesACallerWithoutAToken()
    {
        using var channel = GrpcChannel.ForAddress(platform.App.GetEndpoint("onboarding", "grpc"));
        var onboarding = new OnboardingService.OnboardingServiceClient(channel);
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..10];
        RecordStepRequest Approval() => new()
        {
            EventId = Guid.CreateVersion7().ToString(), ClientId = clientId, Funnel = "standard", Step = "approved",
            OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
        };

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => onboarding.RecordStepAsync(Approval(),
            deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        var clientHeaders = await BearerOfAsync("client", clientId);
        var asClient = await Assert.ThrowsAsync<RpcException>(() => onboarding.RecordStepAsync(Approval(), clientHeaders,
            deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, asClient.StatusCode);
        using var ops = await platform.GatewayAsync("operator", "ops-e2e");
        using var progress = await ops.GetAsync($"/v1/onboarding/clients/{clientId}/progress", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, progress.StatusCode);
    }

    /// <summary>The headers of a gRPC call made with a dev token the gateway minted, as the gateway forwards its caller's.</summary>
    private async Task<Metadata> BearerOfAsync(string role, string subject)
    {
        using var gateway = await platform.GatewayAsync(role, subject);
        return new Metadata { { "authorization", gateway.DefaultRequestHeaders.Authorization!.ToString() } };
    }
}
