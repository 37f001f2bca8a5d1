using System.Text.Json;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Routes;
using Platform.TestSupport.Kafka;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// Every route of the OpenAPI document gets hundreds of malformed requests. None may answer 5xx,
/// and none that was refused (4xx) may change state: the fake services count the state-changing
/// calls they accept, and activity.events (on a broker of this test's own) must hold exactly the
/// events of the batches answered 202. Seeded: GATEWAY_FUZZ_SEED=n replays a run; the seed and
/// each failing request are printed.
/// </summary>
public sealed class GatewayFuzzTests
{
    private const int RequestsPerRoute = 200;   // about 3,500 requests in about 12 s here

    [Fact]
    public async Task NoMalformedRequestAnswers5xxOrChangesState()
    {
        var seed = FuzzPass.Seed();

        await using var onboarding = await FakeOnboardingServer.StartAsync();
        await using var tiering = await FakeTieringServer.StartAsync();
        await using var content = await FakeContentServer.StartAsync();
        await using var engagement = await FakeEngagementServer.StartAsync();
        var kafka = new DevBrokerFixture();
        await kafka.InitializeAsync();
        try
        {
            await using var gateway = GatewayFactory.Create(onboarding.Address, kafka.BootstrapServers,
                settings =>
                {
                    settings[GatewayFactory.TieringAddressKey] = tiering.Address.ToString();
                    settings[GatewayFactory.ContentAddressKey] = content.Address.ToString();
                    settings[FakeEngagementServer.AddressKey] = engagement.Address.ToString();
                });
            var (documented, schemas) = await OpenApiRoutes.ReadAsync(gateway);
            // Engagement's routes have no fake service: EngagementFuzzTests passes them against the real one.
            var routes = documented.Where(route => !EngagementRoutes.Contains(route)).ToList();
            var pass = new FuzzPass(gateway, new RequestGenerator(new Random(seed), schemas, gateway.Time.GetUtcNow()),
                () => Task.FromResult($"{onboarding.StateChanges.Count + tiering.StateChanges.Count + content.StateChanges.Count + engagement.StateChanges.Count} calls accepted"));
            long published = 0;
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await pass.RunAsync(routes, RequestsPerRoute, (route, status, text) =>
            {
                if (status == 202 && route.Key == "POST /v1/activity")
                {
                    published += JsonDocument.Parse(text).RootElement.GetProperty("accepted").GetInt64();
                }
            });

            pass.Print(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            Assert.True(pass.Failures.Count == 0, pass.Report(seed));
            Assert.True(pass.Sent >= routes.Count * RequestsPerRoute, $"only {pass.Sent} requests sent");
            // Refused batches published nothing: the topic holds exactly the accepted events (the broker is this test's own).
            Assert.True(published > 0, "no well-formed batch was published: the count below would prove nothing");
            Assert.Equal(published, ActivityTopic.MessageCount(kafka.BootstrapServers));
        }
        finally
        {
            await kafka.DisposeAsync();
        }
    }
}
