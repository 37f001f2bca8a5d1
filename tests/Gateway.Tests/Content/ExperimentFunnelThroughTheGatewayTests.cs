using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Gateway.Tests.Funnel;
using Platform.Gateway.Tests.Infrastructure;
using Platform.TestSupport.Processes;

namespace Platform.Gateway.Tests.Content;

/// <summary>
/// Issue 11 end to end through the gateway, the real Content and the real Onboarding on one broker: an operator
/// creates the landing copy and an experiment over it, prospects read their feeds (exposures) before or after their
/// first onboarding steps, some convert, and the experiment's results and the funnel report by variant count them.
/// A fixture of its own: the funnel report counts every client of its Onboarding.
/// </summary>
public sealed class ExperimentFunnelThroughTheGatewayTests(ContentServicesFixture services) : IClassFixture<ContentServicesFixture>
{
    private const string Experiment = "welcome-copy";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Fixed ids (the databases are new each run): the hash assignment splits them the same way every time.
    private static readonly string[] Prospects = [.. Enumerable.Range(1, 12).Select(i => $"e2e-prospect-{i:D2}")];
    private static readonly string[] WalkIns = ["e2e-walk-in-1", "e2e-walk-in-2", "e2e-walk-in-3"];

    [Fact]
    public async Task ExposuresStepsAndConversionsThroughTheGatewayComeOutInTheResultsAndInTheFunnelByVariant()
    {
        var ct = TestContext.Current.CancellationToken;
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-e2e");
        foreach (var (itemId, title) in new[] { ("e2e-welcome-a", "Open an account in 5 minutes"), ("e2e-welcome-b", "Your first fund, today") })
        {
            using var item = await operators.PostAsJsonAsync("/v1/content/items", new { itemId, kind = "feature", title, body = "Start here", priority = 90 }, ct);
            Assert.Equal(HttpStatusCode.Created, item.StatusCode);
        }

        using var experiment = await operators.PostAsJsonAsync("/v1/experiments", new
        {
            key = Experiment, status = "running", conversionWindow = "P7D",
            variants = new[] { new { name = "control", weight = 50, itemId = "e2e-welcome-a" }, new { name = "b", weight = 50, itemId = "e2e-welcome-b" } },
        }, ct);
        Assert.Equal(HttpStatusCode.Created, experiment.StatusCode);

        // Half the prospects see the landing copy before their first step, half after their steps; walk-ins never read a feed.
        var registeredAt = DateTimeOffset.UtcNow.AddHours(-2);
        var variantOf = new Dictionary<string, string>();
        var furthest = Prospects.Concat(WalkIns).Select((c, i) => (c, Step: i % 2 == 0 ? "id_uploaded" : "phone_verified"))
            .ToDictionary(p => p.c, p => p.Step);
        foreach (var (clientId, i) in Prospects.Select((c, i) => (c, i)))
        {
            if (i < Prospects.Length / 2)
            {
                variantOf[clientId] = await ReadFeedAsync(clientId);
                await StepsAsync(clientId, furthest[clientId], registeredAt.AddMinutes(i));
            }
            else
            {
                await StepsAsync(clientId, furthest[clientId], registeredAt.AddMinutes(i));
                variantOf[clientId] = await ReadFeedAsync(clientId);
            }
        }

        foreach (var (clientId, i) in WalkIns.Select((c, i) => (c, i)))
        {
            await StepsAsync(clientId, furthest[clientId], registeredAt.AddMinutes(30 + i));
        }

        // The prospects who uploaded their id convert; one app sends its conversion twice.
        var converted = Prospects.Where(c => furthest[c] == "id_uploaded").ToList();
        foreach (var clientId in converted)
        {
            await ConvertAsync(clientId, Guid.NewGuid(), DateTimeOffset.UtcNow);
        }

        // A replay is the same request: the same event id and the same occurredAt (another occurredAt would be a 409).
        var (again, sentAt) = (Guid.NewGuid(), DateTimeOffset.UtcNow);
        var sent = await ConvertAsync(Prospects[1], again, sentAt);
        var replayed = await ConvertAsync(Prospects[1], again, sentAt);
        Assert.Equal((false, true), (sent.GetProperty("duplicate").GetBoolean(), replayed.GetProperty("duplicate").GetBoolean()));
        converted.Add(Prospects[1]);

        Assert.Equal(["b", "control"], variantOf.Values.Distinct().Order(StringComparer.Ordinal));
        var inVariant = variantOf.ToLookup(p => p.Value, p => p.Key);

        // Results: exposures and conversions per variant, as Content counted them from the feeds and conversions.
        var results = await WhenAsync("/v1/experiments/welcome-copy/results",
            r => r.GetProperty("variants").EnumerateArray().Sum(v => v.GetProperty("conversions").GetInt64()) == converted.Count);
        var variants = results.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!);
        Assert.Equal(["control", "b"], results.GetProperty("variants").EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        foreach (var name in new[] { "control", "b" })
        {
            var (exposures, conversions) = (inVariant[name].Count(), inVariant[name].Count(converted.Contains));
            var variant = variants[name];
            Assert.Equal((name, (long)exposures, (long)conversions), (name, variant.GetProperty("exposures").GetInt64(), variant.GetProperty("conversions").GetInt64()));
            Assert.Equal((double)conversions / exposures, variant.GetProperty("rate").GetDouble(), 12);
        }

        Assert.Equal(JsonValueKind.Null, variants["control"].GetProperty("difference").ValueKind);
        Assert.Equal(variants["b"].GetProperty("rate").GetDouble() - variants["control"].GetProperty("rate").GetDouble(),
            variants["b"].GetProperty("difference").GetDouble(), 12);

        // The funnel by variant: each prospect in its variant's group, the walk-ins in "none"; fed by content.events.
        long[] Expected(IEnumerable<string> clients) =>
            [clients.Count(), clients.Count(), clients.Count(c => furthest[c] == "id_uploaded")];
        var expected = new Dictionary<string, long[]>
        {
            ["none"] = Expected(WalkIns),
            ["welcome-copy:b"] = Expected(inVariant["b"]),
            ["welcome-copy:control"] = Expected(inVariant["control"]),
        };
        var byVariant = await WhenAsync("/v1/reports/funnel?funnel=standard&by=variant", r => Groups(r).Count == 3
            && Groups(r).All(g => expected.TryGetValue(g.Key, out var entered) && entered.SequenceEqual(g.Value)));
        // The plain report reads the projected cells only (it lags steps by up to about a second, README), while the report
        // by variant adds the increments not yet projected: the plain one is awaited, not read once.
        var all = Groups(await WhenAsync("/v1/reports/funnel?funnel=standard",
            r => Groups(r).TryGetValue("all", out var entered) && entered.SequenceEqual(Expected(Prospects.Concat(WalkIns)))));

        Assert.Equal(expected.Keys, Groups(byVariant).Keys);
        Assert.All(expected, e => Assert.Equal(e.Value, Groups(byVariant)[e.Key]));
        Assert.Equal(Expected(Prospects.Concat(WalkIns)), all["all"]);
    }

    /// <summary>The client's feed through the gateway with its own token: the variant of the landing copy it was served.</summary>
    private async Task<string> ReadFeedAsync(string clientId)
    {
        using var client = await services.Gateway.ClientAsAsync("client", clientId);
        var feed = await client.GetFromJsonAsync<JsonElement>($"/v1/clients/{clientId}/feed", TestContext.Current.CancellationToken);
        var served = feed.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("experiment").ValueKind == JsonValueKind.Object).ToList();
        var copy = Assert.Single(served);
        Assert.Equal(Experiment, copy.GetProperty("experiment").GetProperty("key").GetString());
        return copy.GetProperty("experiment").GetProperty("variant").GetString()!;
    }

    /// <summary>The client's app records the standard steps up to <paramref name="last"/>, one minute apart.</summary>
    private async Task StepsAsync(string clientId, string last, DateTimeOffset start)
    {
        using var client = await services.Gateway.ClientAsAsync("client", clientId);
        string[] steps = ["registered", "phone_verified", "id_uploaded"];
        foreach (var (step, i) in steps.Take(Array.IndexOf(steps, last) + 1).Select((s, i) => (s, i)))
        {
            using var response = await client.PostAsync(Steps.Valid(clientId, start.AddMinutes(i), step));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
    }

    /// <summary>The app's conversion through the gateway: 202 and its answer (duplicate, counted).</summary>
    private async Task<JsonElement> ConvertAsync(string clientId, Guid eventId, DateTimeOffset occurredAt)
    {
        using var client = await services.Gateway.ClientAsAsync("client", clientId);
        // Full precision: the conversion must fall after the exposure, which was a moment ago.
        using var response = await client.PostAsJsonAsync("/v1/content/conversions",
            new { eventId, clientId, experimentKey = Experiment, occurredAt = occurredAt.ToString("O") }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    /// <summary>An operator's GET once <paramref name="ready"/> holds: Content's counters and Onboarding's consumer are asynchronous.</summary>
    private async Task<JsonElement> WhenAsync(string route, Func<JsonElement, bool> ready)
    {
        using var operators = await services.Gateway.ClientAsAsync("operator", "ops-e2e");
        var body = default(JsonElement);
        await ChildProcess.WaitUntilAsync(async () =>
        {
            body = await operators.GetFromJsonAsync<JsonElement>(route, TestContext.Current.CancellationToken);
            return ready(body);
        }, Deadline, route);
        return body;
    }

    /// <summary>Each group's clients entered at the first three steps, by key, in the report's order.</summary>
    private static Dictionary<string, long[]> Groups(JsonElement report) => report.GetProperty("groups").EnumerateArray().ToDictionary(
        g => g.GetProperty("key").GetString()!, g => g.GetProperty("steps").EnumerateArray().Take(3).Select(s => s.GetProperty("entered").GetInt64()).ToArray());
}
