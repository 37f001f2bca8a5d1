using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestSupport.Processes;

namespace Platform.EndToEnd;

/// <summary>
/// An A/B test of an outreach's words across the running platform: an operator's experiment over two welcome pushes in
/// Content, Engagement's decision asking Content for the words, OutreachDecided naming the arm, Content recording the
/// exposure of the sent push, and the client's conversion counted in the results (issue 11, item 6: exposures recorded
/// when served, on the selection API's path too).
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class OutreachExperimentJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task AWelcomePushWhoseWordsAreAnArmIsAnExposureAndTheClientsConversionCounts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var journey = await MomentJourney.StartAsync(platform);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (control, variant, key) = ($"e2e-welcome-a-{suffix}", $"e2e-welcome-b-{suffix}", $"e2e-welcome-{suffix}");
        // Above the seeded welcome push (the same moment, channel, kind and labels: M04 asks for "moment-m04"), so the experiment's arms are the words.
        await CreateItemAsync(journey.Operators, control, "Welcome! Your account is open (A)");
        await CreateItemAsync(journey.Operators, variant, "Welcome! Your account is open (B)");
        using (var created = await journey.Operators.PostAsJsonAsync("/v1/experiments", Experiment(key, control, variant, "running", version: null), ct))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        try
        {
            await Journeys.ApproveThroughTheFunnelAsync(journey.System, journey.ClientId, "e2e-copy", DateTimeOffset.UtcNow.AddMinutes(-Journeys.FunnelSteps.Length - 1));
            var welcome = await journey.DecidedAsync("M04");
            Assert.Equal(("sent", "push"), (welcome.GetProperty("decision").GetString(), welcome.GetProperty("channel").GetString()));
            var shown = Assert.Single(await journey.InboxAsync(), m => m.GetProperty("moment").GetString() == "M04").GetProperty("title").GetString();
            Assert.Contains(shown, new[] { "Welcome! Your account is open (A)", "Welcome! Your account is open (B)" });

            // The client's arm is the one whose words it was sent: one exposure there, none in the other.
            var arm = shown!.EndsWith("(A)", StringComparison.Ordinal) ? "control" : "b";
            await ResultsAsync(journey.Operators, key, r => Exposures(r, arm) == 1);
            using var converted = await journey.Client.PostAsJsonAsync("/v1/content/conversions",
                new { eventId = Guid.CreateVersion7(), clientId = journey.ClientId, experimentKey = key, occurredAt = DateTimeOffset.UtcNow }, ct);
            Assert.Equal(HttpStatusCode.Accepted, converted.StatusCode);
            Assert.True((await converted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("counted").GetBoolean());
            var results = await ResultsAsync(journey.Operators, key, r => Conversions(r, arm) == 1);
            Assert.Equal(0, Exposures(results, arm == "b" ? "control" : "b"));
        }
        finally
        {
            // Stopped, it serves its control to everyone: later journeys get ordinary welcome words.
            var current = await journey.Operators.GetFromJsonAsync<JsonElement>($"/v1/experiments/{key}", ct);
            using var stopped = await journey.Operators.PutAsJsonAsync($"/v1/experiments/{key}",
                Experiment(key, control, variant, "stopped", current.GetProperty("version").GetInt32()), ct);
            Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        }
    }

    private static async Task CreateItemAsync(HttpClient operators, string itemId, string title)
    {
        using var created = await operators.PostAsJsonAsync("/v1/content/items", new
        {
            itemId, kind = "feature", title, body = "Fund your account to start investing: it takes a minute in the app.",
            targeting = new { tiers = Array.Empty<string>(), stages = Array.Empty<string>(), tags = Array.Empty<string>() },
            priority = 100, moments = new[] { "M04" }, channels = new[] { "push" }, labels = new[] { "moment-m04", "funding-guide" },
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static object Experiment(string key, string control, string variant, string status, int? version) => new
    {
        key, status, conversionWindow = "P7D", version,
        variants = new[] { new { name = "control", weight = 50, itemId = control }, new { name = "b", weight = 50, itemId = variant } },
    };

    private static async Task<JsonElement> ResultsAsync(HttpClient operators, string key, Func<JsonElement, bool> done)
    {
        JsonElement results = default;
        await ChildProcess.WaitUntilAsync(async () => done(results = await operators.GetFromJsonAsync<JsonElement>($"/v1/experiments/{key}/results")),
            Journeys.Deadline, $"the results of {key}");
        return results;
    }

    private static int Exposures(JsonElement results, string variant) => Variant(results, variant).GetProperty("exposures").GetInt32();

    private static int Conversions(JsonElement results, string variant) => Variant(results, variant).GetProperty("conversions").GetInt32();

    private static JsonElement Variant(JsonElement results, string name) =>
        results.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
}
