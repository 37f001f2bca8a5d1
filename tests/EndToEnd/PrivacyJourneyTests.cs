using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestSupport.Processes;

namespace Platform.EndToEnd;

/// <summary>An erasure through the gateway reaching all five services, on the running platform.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PrivacyJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task AnErasedClientsDataRoutesAnswerNotFoundItsLaterStepsAreRefusedAndTheFunnelReportKeepsItsCounts()
    {
        var ct = TestContext.Current.CancellationToken;
        var campaign = "e2e-erase-" + Guid.NewGuid().ToString("N")[..8];
        using var system = await platform.GatewayAsync("system", "core-1");
        using var operators = await platform.GatewayAsync("operator", "ops-1");
        var clientId = await Journeys.ClientAtV3Async(system, campaign);
        using var client = await platform.GatewayAsync("client", clientId);
        using var tagged = await operators.PutAsJsonAsync($"/v1/clients/{clientId}/tags", new { tags = new[] { "interest:etf" } }, ct);
        Assert.Equal(HttpStatusCode.OK, tagged.StatusCode);
        string[] routes = [$"/v1/onboarding/clients/{clientId}/progress", $"/v1/clients/{clientId}/tier", $"/v1/clients/{clientId}/tier/history",
            $"/v1/clients/{clientId}/benefits", $"/v1/clients/{clientId}/feed"];
        foreach (var route in routes)
        {
            using var before = await client.GetAsync(new Uri(route, UriKind.Relative), ct);
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // each read fills its service's copy in Redis, which the erasure must forget
        }

        var reported = await CampaignEnteredAsync(operators, campaign, expected: 1);

        using var erased = await operators.DeleteAsync(new Uri($"/v1/clients/{clientId}", UriKind.Relative), ct);
        using var again = await operators.DeleteAsync(new Uri($"/v1/clients/{clientId}", UriKind.Relative), ct);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (erased.StatusCode, again.StatusCode));

        await ChildProcess.WaitUntilAsync(async () =>
        {
            foreach (var (caller, route) in routes.Select(r => (client, r)).Append((operators, $"/v1/clients/{clientId}/tags")))
            {
                using var response = await caller.GetAsync(new Uri(route, UriKind.Relative));
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    return false;
                }
            }

            return true;
        }, Journeys.Deadline, "every data route of the erased client answering 404");

        using var step = await system.PostAsJsonAsync("/v1/onboarding/steps", new
        {
            eventId = Guid.CreateVersion7(), clientId, funnel = "standard", step = "registered", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            channel = "search_ad", campaign, device = "android", attempt = 1,
        }, ct);
        Assert.Equal(HttpStatusCode.NotFound, step.StatusCode);
        Assert.Equal(reported, await CampaignEnteredAsync(operators, campaign, expected: 1));
    }

    /// <summary>The campaign's entered counts per step, once every step shows <paramref name="expected"/> (the report lags steps by up to a second).</summary>
    private static async Task<int[]> CampaignEnteredAsync(HttpClient operators, string campaign, int expected)
    {
        int[] entered = [];
        await ChildProcess.WaitUntilAsync(async () =>
        {
            var report = await operators.GetFromJsonAsync<JsonElement>("/v1/reports/funnel?funnel=standard&by=campaign");
            var group = report.GetProperty("groups").EnumerateArray().SingleOrDefault(g => g.GetProperty("key").GetString() == campaign);
            entered = group.ValueKind == JsonValueKind.Undefined ? [] : [.. group.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("entered").GetInt32())];
            return entered.Length > 0 && entered.All(count => count == expected);
        }, Journeys.Deadline, $"the funnel report counting campaign {campaign}");
        return entered;
    }
}
