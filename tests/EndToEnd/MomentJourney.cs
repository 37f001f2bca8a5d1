using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.TestSupport.Processes;

namespace Platform.EndToEnd;

/// <summary>
/// One new client's moments through the gateway: the gateway as an operator, a core system and the client itself, with
/// Engagement's settings made to send at once for the journey's length (see <see cref="SendAtOnce"/>) and put back after.
/// </summary>
internal sealed class MomentJourney : IAsyncDisposable
{
    private readonly EngagementSettingsOverride settings;

    private MomentJourney(string clientId, HttpClient operators, HttpClient system, HttpClient client, EngagementSettingsOverride settings) =>
        (ClientId, Operators, System, Client, this.settings) = (clientId, operators, system, client, settings);

    public string ClientId { get; }

    public HttpClient Operators { get; }

    public HttpClient System { get; }

    public HttpClient Client { get; }

    public static async Task<MomentJourney> StartAsync(PlatformFixture platform)
    {
        var clientId = "c-" + Guid.NewGuid().ToString("N")[..10];
        var operators = await platform.GatewayAsync("operator", "ops-1");
        var settings = await EngagementSettingsOverride.ApplyAsync(operators, SendAtOnce);
        return new MomentJourney(clientId, operators, await platform.GatewayAsync("system", "core-1"), await platform.GatewayAsync("client", clientId), settings);
    }

    /// <summary>The client's instance of <paramref name="moment"/> in the audit, once decided (the audit leaves out pending ones).</summary>
    public async Task<JsonElement> DecidedAsync(string moment)
    {
        JsonElement instance = default;
        await ChildProcess.WaitUntilAsync(async () =>
        {
            instance = (await AuditAsync()).FirstOrDefault(i => i.GetProperty("moment").GetString() == moment);
            return instance.ValueKind == JsonValueKind.Object;
        }, Journeys.Deadline, $"{moment} decided for {ClientId}");
        return instance;
    }

    /// <summary>GET /v1/clients/{id}/outreach as an operator: the decided instances.</summary>
    public async Task<List<JsonElement>> AuditAsync() =>
        [.. (await Operators.GetFromJsonAsync<JsonElement>($"/v1/clients/{ClientId}/outreach")).GetProperty("instances").EnumerateArray()];

    /// <summary>GET /v1/clients/{id}/inbox as the client.</summary>
    public async Task<List<JsonElement>> InboxAsync() =>
        [.. (await Client.GetFromJsonAsync<JsonElement>($"/v1/clients/{ClientId}/inbox")).GetProperty("items").EnumerateArray()];

    public async ValueTask DisposeAsync()
    {
        await settings.DisposeAsync();
        Operators.Dispose();
        System.Dispose();
        Client.Dispose();
    }

    /// <summary>
    /// No quiet hours (a push at 22:00-08:00 Shanghai would wait for the morning), no holdout (a random client id may be
    /// held out), and a priority window of 2 s instead of a minute (each instance is decided at the window's end).
    /// </summary>
    private static void SendAtOnce(JsonObject settings)
    {
        settings["quietHours"]!["start"] = "00:00";
        settings["quietHours"]!["end"] = "00:00"; // start = end: no quiet hours
        settings["holdoutPercent"] = 0;
        settings["priorityWindow"] = "PT2S";
    }
}
