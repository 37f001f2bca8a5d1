using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Gateway.Tests.Funnel;

/// <summary>Request bodies for POST /v1/onboarding/steps.</summary>
internal static class Steps
{
    public const string Route = "/v1/onboarding/steps";

    public static JsonObject Valid(string clientId, DateTimeOffset occurredAt, string step = "id_uploaded") => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(),
        ["clientId"] = clientId,
        ["funnel"] = "standard",
        ["step"] = step,
        ["occurredAt"] = occurredAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz"),
        ["channel"] = "short_video",
        ["campaign"] = "double11",
        ["device"] = "ios",
    };

    /// <summary>The body with <paramref name="field"/> set to the JSON <paramref name="json"/> ("null" for JSON null).</summary>
    public static JsonObject With(this JsonObject body, string field, string json)
    {
        body[field] = JsonNode.Parse(json);
        return body;
    }

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, JsonObject body) =>
        client.PostAsync(Route, JsonContent.Create(body), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string json) =>
        client.PostAsync(Route, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    public static string UniqueClient(string prefix = "c") => $"{prefix}-{Guid.NewGuid():N}";
}
