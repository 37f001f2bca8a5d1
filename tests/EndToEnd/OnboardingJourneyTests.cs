using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Platform.Engagement.Grpc;
using Platform.Messaging;
using Platform.Onboarding.Events;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Processes;

namespace Platform.EndToEnd;

/// <summary>One platform per test class: app host in local mode, free ports, its own data folder.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(4);
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "platform-tests", "e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private DistributedApplication? app;

    public int KafkaPort { get; } = ChildProcess.FreePort();

    public DistributedApplication App => app ?? throw new InvalidOperationException("The platform has not started.");

    public async ValueTask InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            $"--Platform:DataDir={dataDirectory}",
            $"--Platform:Ports:Gateway={ChildProcess.FreePort()}",
            $"--Platform:Ports:Kafka={KafkaPort}",
            $"--Platform:Ports:Redis={ChildProcess.FreePort()}",
            $"--Platform:Ports:Postgres={ChildProcess.FreePort()}",
            "--Platform:DynamicServicePorts=true",
        ], TestContext.Current.CancellationToken);
        app = await builder.BuildAsync(TestContext.Current.CancellationToken).WaitAsync(StartDeadline);
        await app.StartAsync(TestContext.Current.CancellationToken).WaitAsync(StartDeadline);
        foreach (var resource in new[] { "onboarding", "tiering", "engagement", "content", "gateway" })
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, TestContext.Current.CancellationToken).WaitAsync(StartDeadline);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // PostgreSQL may still be releasing files; a temp folder left behind is harmless.
        }
    }
}

/// <summary>
/// The whole platform through the app host in local mode, on ports and a data folder of its
/// own: a step posted to the gateway reaches Onboarding, PostgreSQL, onboarding.events and
/// Engagement, and is read back through the gateway.
/// </summary>
public sealed class OnboardingJourneyTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AStepPostedThroughTheGatewayIsStoredPublishedSeenByEngagementAndReadBackInOneTrace()
    {
        using var gateway = new HttpClient { BaseAddress = platform.App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..10];
        await Authorize(gateway, "client", clientId);
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
        await ChildProcess.WaitUntilAsync(async () =>
        {
            var timeline = await engagement.GetClientTimelineAsync(new GetClientTimelineRequest { ClientId = clientId },
                deadline: DateTime.UtcNow.AddSeconds(5));
            return timeline.Events.Any(e => e.Summary == "registered");
        }, Deadline, "Engagement seeing the step");
    }

    [Fact]
    public async Task AProspectWalksTheFunnelIsApprovedFundedByADepositAndCountedInTheFunnelReport()
    {
        using var system = new HttpClient { BaseAddress = platform.App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        await Authorize(system, "system", "core-1");
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..10];
        var campaign = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var at = DateTimeOffset.UtcNow.AddHours(-1);
        var steps = await ApproveThroughTheFunnelAsync(system, clientId, campaign, at);

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

        using var operatorClient = new HttpClient { BaseAddress = platform.App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        await Authorize(operatorClient, "operator", "ops-1");
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
    public async Task AnApprovedClientsAssetsReachItsTierThroughTheGateway()
    {
        using var system = new HttpClient { BaseAddress = platform.App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        await Authorize(system, "system", "core-1");
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..10];
        await ApproveThroughTheFunnelAsync(system, clientId, "e2e-tier", DateTimeOffset.UtcNow.AddHours(-1));
        // A snapshot from before the 20-trading-day window, carried forward over all of it: ADA 60,000.
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-40);
        using var activity = await system.PostAsJsonAsync("/v1/activity", new
        {
            events = new object[]
            {
                new { eventId = Guid.CreateVersion7(), clientId, type = "assets_snapshot", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5),
                    date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), totalAssets = 60_000.00m, cash = 1_000.00m },
            },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, activity.StatusCode);

        using var client = new HttpClient { BaseAddress = platform.App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        await Authorize(client, "client", clientId);
        JsonElement tier = default;
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri($"/v1/clients/{clientId}/tier", UriKind.Relative));
            tier = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
            return tier.ValueKind == JsonValueKind.Object && tier.GetProperty("tier").GetString() == "V3";
        }, Deadline, "the snapshot reaching the client's tier");
        var history = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/tier/history", TestContext.Current.CancellationToken);
        using var other = await client.GetAsync(new Uri("/v1/clients/c-someone-else/tier", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("dream_builder", tier.GetProperty("journey").GetString());
        Assert.Equal(60_000m, tier.GetProperty("averageDailyAssets").GetDecimal());
        Assert.Equal(("V4", 140_000m), (tier.GetProperty("nextTier").GetString(), tier.GetProperty("amountToNextTier").GetDecimal()));
        Assert.Equal(JsonValueKind.Null, tier.GetProperty("downgradeWarning").ValueKind);
        var change = Assert.Single(history.EnumerateArray());
        Assert.Equal(("V0", "V3", "upgrade"), (change.GetProperty("from").GetString(), change.GetProperty("to").GetString(), change.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task OperatorsReadAndChangeTheTierTableAndBadTablesAreRefusedNamingTheField()
    {
        using var operatorClient = new HttpClient { BaseAddress = platform.App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        await Authorize(operatorClient, "operator", "ops-1");
        var before = await operatorClient.GetFromJsonAsync<JsonElement>("/v1/config/tiers", TestContext.Current.CancellationToken);
        var thresholds = new Dictionary<string, decimal>
        {
            ["V1"] = 0.01m, ["V2"] = 10_000m, ["V3"] = 50_000m, ["V4"] = 200_000m, ["V5"] = 1_000_000m, ["V6"] = 5_000_000m, ["V7"] = 12_000_000m,
        };

        using var saved = await operatorClient.PutAsJsonAsync("/v1/config/tiers",
            new { thresholds, windowDays = 20, hysteresis = 0.9m, nearNextTier = 0.9m }, TestContext.Current.CancellationToken);
        using var notIncreasing = await operatorClient.PutAsJsonAsync("/v1/config/tiers",
            new { thresholds = new Dictionary<string, decimal>(thresholds) { ["V3"] = 5_000m }, windowDays = 20, hysteresis = 0.9m, nearNextTier = 0.9m },
            TestContext.Current.CancellationToken);
        using var unknownTier = await operatorClient.PutAsJsonAsync("/v1/config/tiers",
            new { thresholds = new Dictionary<string, decimal>(thresholds) { ["V8"] = 20_000_000m }, windowDays = 20, hysteresis = 0.9m, nearNextTier = 0.9m },
            TestContext.Current.CancellationToken);
        var after = await operatorClient.GetFromJsonAsync<JsonElement>("/v1/config/tiers", TestContext.Current.CancellationToken);
        await Authorize(operatorClient, "client", "c-1");
        using var asClient = await operatorClient.GetAsync(new Uri("/v1/config/tiers", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(before.GetProperty("version").GetInt32() + 1, after.GetProperty("version").GetInt32());
        Assert.Equal(12_000_000m, after.GetProperty("thresholds").GetProperty("V7").GetDecimal());
        Assert.Equal(HttpStatusCode.BadRequest, notIncreasing.StatusCode);
        Assert.True((await notIncreasing.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors")
            .TryGetProperty("thresholds", out _));
        Assert.Equal(HttpStatusCode.BadRequest, unknownTier.StatusCode);
        Assert.True((await unknownTier.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("errors")
            .TryGetProperty("thresholds.V8", out _));
        Assert.Equal(HttpStatusCode.Forbidden, asClient.StatusCode);
    }

    [Fact]
    public async Task AClientMayNotReadAnotherClientsProgressAndAnonymousCallersAreRefused()
    {
        using var gateway = new HttpClient { BaseAddress = platform.App.GetEndpoint("gateway", "http"), Timeout = TimeSpan.FromSeconds(30) };
        using var anonymous = await gateway.GetAsync(new Uri("/v1/onboarding/clients/c-2/progress", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        await Authorize(gateway, "client", "c-1");
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

    private static readonly string[] FunnelSteps = ["registered", "phone_verified", "id_uploaded", "id_verified", "face_verified",
        "profile_completed", "risk_assessed", "bank_card_bound", "depository_signed", "agreements_signed", "video_witnessed", "submitted", "approved"];

    /// <summary>Posts every step of the standard funnel, a minute apart from <paramref name="at"/>, as a core system.</summary>
    private static async Task<string[]> ApproveThroughTheFunnelAsync(HttpClient system, string clientId, string campaign, DateTimeOffset at)
    {
        foreach (var (step, i) in FunnelSteps.Select((step, i) => (step, i)))
        {
            using var posted = await system.PostAsJsonAsync("/v1/onboarding/steps", new
            {
                eventId = Guid.CreateVersion7(), clientId, funnel = "standard", step, occurredAt = at.AddMinutes(i), channel = "search_ad",
                campaign, device = "android", attempt = 1, riskLevel = step == "risk_assessed" ? "C4" : null,
            }, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        return FunnelSteps;
    }

    private static async Task Authorize(HttpClient gateway, string role, string subject)
    {
        using var minted = await gateway.PostAsJsonAsync("/v1/dev/tokens", new { role, subject }, TestContext.Current.CancellationToken);
        minted.EnsureSuccessStatusCode();
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
