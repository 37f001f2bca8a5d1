using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Messaging;
using Platform.TestSupport.Kafka;

namespace Platform.Gateway.Tests.CoreActivity;

/// <summary>Request bodies for POST /v1/activity, and what the gateway published.</summary>
internal static class ActivityBatches
{
    public const string Route = "/v1/activity";

    public static readonly TimeSpan ConsumeTimeout = TimeSpan.FromSeconds(30);

    public static JsonObject Event(string clientId, string type, DateTimeOffset occurredAt, JsonObject? fields = null)
    {
        var item = new JsonObject
        {
            ["eventId"] = Guid.NewGuid().ToString(),
            ["clientId"] = clientId,
            ["type"] = type,
            ["occurredAt"] = occurredAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz"),
        };
        foreach (var (name, value) in fields ?? [])
        {
            item[name] = value?.DeepClone();
        }

        return item;
    }

    public static JsonObject Batch(params JsonObject[] events) => new() { ["events"] = new JsonArray(events) };

    public static string EventId(this JsonObject item) => item["eventId"]!.GetValue<string>();

    public static Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, JsonObject batch) =>
        client.PostAsync(Route, JsonContent.Create(batch), TestContext.Current.CancellationToken);

    /// <summary>The first <paramref name="count"/> messages keyed by <paramref name="clientId"/> on activity.events, in order.</summary>
    public static Task<IReadOnlyList<ConsumedMessage>> PublishedForAsync(this DevBrokerFixture kafka, string clientId, int count) =>
        kafka.ConsumeAsync(Topics.ActivityEvents, count, ConsumeTimeout, message => message.Key == clientId,
            TestContext.Current.CancellationToken);

    public static decimal ToDecimal(this Platform.Activity.Events.DecimalValue value) => value.Units + value.Nanos / 1_000_000_000m;
}
