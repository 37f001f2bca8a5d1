using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.TestSupport.Processes;

namespace Platform.EndToEnd;

/// <summary>What the end-to-end tests do through the gateway again and again.</summary>
internal static class Journeys
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static readonly string[] FunnelSteps = ["registered", "phone_verified", "id_uploaded", "id_verified", "face_verified",
        "profile_completed", "risk_assessed", "bank_card_bound", "depository_signed", "agreements_signed", "video_witnessed", "submitted", "approved"];

    /// <summary>Posts every step of the standard funnel, a minute apart from <paramref name="at"/>, as a core system.</summary>
    public static async Task<string[]> ApproveThroughTheFunnelAsync(HttpClient system, string clientId, string campaign, DateTimeOffset at)
    {
        foreach (var (step, i) in FunnelSteps.Select((step, i) => (step, i)))
        {
            await PostStepAsync(system, clientId, step, at.AddMinutes(i), campaign);
        }

        return FunnelSteps;
    }

    /// <summary>Posts one step of the standard funnel at <paramref name="at"/> as a core system; it must be accepted.</summary>
    public static async Task PostStepAsync(HttpClient system, string clientId, string step, DateTimeOffset at, string campaign)
    {
        using var posted = await system.PostAsJsonAsync("/v1/onboarding/steps", new
        {
            eventId = Guid.CreateVersion7(), clientId, funnel = "standard", step, occurredAt = at, channel = "search_ad",
            campaign, device = "android", attempt = 1, riskLevel = step == "risk_assessed" ? "C4" : null,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
    }

    /// <summary>
    /// A client through the funnel (in <paramref name="campaign"/>) with a snapshot from before the 20-trading-day window,
    /// carried forward over all of it: V3 (ADA 60,000) once Tiering has it. <paramref name="system"/> holds a system token.
    /// </summary>
    public static async Task<string> ClientAtV3Async(HttpClient system, string campaign)
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..10];
        await ApproveThroughTheFunnelAsync(system, clientId, campaign, DateTimeOffset.UtcNow.AddHours(-1));
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
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var response = await system.GetAsync(new Uri($"/v1/clients/{clientId}/tier", UriKind.Relative));
            return response.IsSuccessStatusCode
                && (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tier").GetString() == "V3";
        }, Deadline, "the snapshot reaching the client's tier");
        return clientId;
    }

    public static async Task AuthorizeAsync(HttpClient gateway, string role, string subject)
    {
        using var minted = await gateway.PostAsJsonAsync("/v1/dev/tokens", new { role, subject }, TestContext.Current.CancellationToken);
        minted.EnsureSuccessStatusCode();
        var token = (await minted.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("token").GetString();
        gateway.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }
}
