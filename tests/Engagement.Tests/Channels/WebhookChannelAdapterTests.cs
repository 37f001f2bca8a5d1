using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Channels;

namespace Platform.Engagement.Tests.Channels;

/// <summary>The webhook adapter against a real local endpoint: signature, retries with backoff, giving up, timeouts.</summary>
public sealed class WebhookChannelAdapterTests
{
    private const string Secret = "provider-shared-secret";

    [Fact]
    public async Task TheExactBodyIsSignedWithTheChannelsSecretAndCarriesItsIdempotencyKeyAndTime()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var message = ChannelHost.Message();

        var result = await SendAsync(receiver, message);

        Assert.True(result.Delivered);
        var (body, headers) = Assert.Single(receiver.Requests);
        // Recomputed here, not with the adapter's own code.
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), body));
        Assert.Equal(expected, headers["X-Platform-Signature"].ToString());
        Assert.True(WebhookSignature.Verify(Secret, body, headers["X-Platform-Signature"]));
        Assert.False(WebhookSignature.Verify("another-secret", body, headers["X-Platform-Signature"]));
        Assert.Equal(message.MessageId.ToString(), headers["Idempotency-Key"].ToString());
        using var json = JsonDocument.Parse(body);
        Assert.Equal(message.Body, json.RootElement.GetProperty("body").GetString());
        Assert.Equal(message.InstanceKey, json.RootElement.GetProperty("instanceKey").GetString());
        Assert.Equal(headers["X-Platform-Timestamp"].ToString(),
            json.RootElement.GetProperty("sentAt").GetDateTimeOffset().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AnUnavailableProviderIsRetriedWithTheSameSignedBytesUntilItTakesTheMessage()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503, 503, 200);

        var result = await SendAsync(receiver, ChannelHost.Message());

        Assert.True(result.Delivered);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => Convert.ToBase64String(r.Body)).Distinct());
        Assert.Single(receiver.Requests.Select(r => r.Headers["Idempotency-Key"].ToString()).Distinct());
    }

    [Fact]
    public async Task AProviderFailingPastTheRetriesIsATransientFailureWithItsReason()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503);

        var result = await SendAsync(receiver, ChannelHost.Message(), maxRetries: 2);

        Assert.False(result.Delivered);
        Assert.True(result.Transient);
        Assert.Contains("503", result.Reason, StringComparison.Ordinal);
        Assert.Equal(3, receiver.Requests.Count);
    }

    [Fact]
    public async Task ARefusalIsNotRetriedAndNotTransient()
    {
        await using var receiver = await WebhookReceiver.StartAsync(400, 200);

        var result = await SendAsync(receiver, ChannelHost.Message());

        Assert.False(result.Delivered);
        Assert.False(result.Transient);
        Assert.Contains("400", result.Reason, StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task AProviderThatNeverAnswersIsAFailureAfterEachAttemptTimesOut()
    {
        await using var receiver = await WebhookReceiver.StartAsync(0);

        var result = await SendAsync(receiver, ChannelHost.Message(), maxRetries: 1, attemptTimeout: "00:00:00.200");

        Assert.False(result.Delivered);
        Assert.True(result.Transient);
        Assert.Contains("did not answer", result.Reason, StringComparison.Ordinal);
        await Platform.TestSupport.Processes.ChildProcess.WaitUntilAsync(() => Task.FromResult(receiver.Requests.Count == 2), TimeSpan.FromSeconds(30),
            "both attempts at the receiver");
    }

    private static async Task<DeliveryResult> SendAsync(WebhookReceiver receiver, OutreachMessage message, int maxRetries = 3, string attemptTimeout = "00:00:05")
    {
        using var host = ChannelHost.Build(new Dictionary<string, string?>
        {
            [$"Engagement:Channels:{message.Channel}:Webhook:Url"] = receiver.Url.ToString(),
            [$"Engagement:Channels:{message.Channel}:Webhook:Secret"] = Secret,
            [$"Engagement:Channels:{message.Channel}:Webhook:MaxRetries"] = maxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Engagement:Channels:{message.Channel}:Webhook:RetryDelay"] = "00:00:00.010",
            [$"Engagement:Channels:{message.Channel}:Webhook:AttemptTimeout"] = attemptTimeout,
        }, new CapturedLogs());
        var adapter = host.Services.GetRequiredService<ChannelAdapterRegistry>().For(message.Channel);
        Assert.IsType<WebhookChannelAdapter>(adapter);
        return await adapter.SendAsync(message, TestContext.Current.CancellationToken);
    }
}
