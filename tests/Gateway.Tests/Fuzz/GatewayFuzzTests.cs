using System.Globalization;
using System.Net.Http.Headers;
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
    private const int MaxReportedFailures = 10;

    [Fact]
    public async Task NoMalformedRequestAnswers5xxOrChangesState()
    {
        var seed = Environment.GetEnvironmentVariable("GATEWAY_FUZZ_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"GATEWAY_FUZZ_SEED={seed}");
        var ct = TestContext.Current.CancellationToken;

        await using var onboarding = await FakeOnboardingServer.StartAsync();
        await using var tiering = await FakeTieringServer.StartAsync();
        var kafka = new DevBrokerFixture();
        await kafka.InitializeAsync();
        try
        {
            await using var gateway = GatewayFactory.Create(onboarding.Address, kafka.BootstrapServers,
                settings => settings[GatewayFactory.TieringAddressKey] = tiering.Address.ToString());
            var (routes, schemas) = await OpenApiRoutes.ReadAsync(gateway);
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var role in RouteRoles.AllRoles)
            {
                tokens[role] = await gateway.TokenAsync(role, role == RouteRoles.Client ? ValidBodies.ClientId : $"{role}-fuzz");
            }

            using var http = gateway.CreateClient();
            var generator = new RequestGenerator(new Random(seed), schemas, gateway.Time.GetUtcNow());
            int StateChanges() => onboarding.StateChanges.Count + tiering.StateChanges.Count;
            List<string> failures = [];
            long published = 0;
            var sent = 0;
            foreach (var route in routes)
            {
                for (var i = 0; i < RequestsPerRoute && failures.Count < MaxReportedFailures; i++, sent++)
                {
                    var request = generator.Next(route);
                    using var message = request.ToMessage();
                    if (request.Role is { } role)
                    {
                        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
                    }

                    var changesBefore = StateChanges();
                    using var response = await http.SendAsync(message, ct);
                    var status = (int)response.StatusCode;
                    var text = await response.Content.ReadAsStringAsync(ct);
                    if (status >= 500)
                    {
                        failures.Add($"#{sent} answered {status}: {request}\n    -> {Truncate(text)}");
                    }
                    else if (status >= 400 && StateChanges() != changesBefore)
                    {
                        failures.Add($"#{sent} answered {status} but changed state downstream: {request}");
                    }
                    else if (status == 202 && route.Key == "POST /v1/activity")
                    {
                        published += JsonDocument.Parse(text).RootElement.GetProperty("accepted").GetInt64();
                    }
                }
            }

            Assert.True(failures.Count == 0,
                $"GATEWAY_FUZZ_SEED={seed}: {failures.Count} failing request(s) of {sent}:\n{string.Join('\n', failures)}");
            Assert.True(sent >= routes.Count * RequestsPerRoute, $"only {sent} requests sent");
            // Refused batches published nothing: the topic holds exactly the accepted events (the broker is this test's own).
            Assert.True(published > 0, "no well-formed batch was published: the count below would prove nothing");
            Assert.Equal(published, ActivityTopic.MessageCount(kafka.BootstrapServers));
        }
        finally
        {
            await kafka.DisposeAsync();
        }
    }

    private static string Truncate(string text) => text.Length > 400 ? text[..400] + "..." : text;
}
