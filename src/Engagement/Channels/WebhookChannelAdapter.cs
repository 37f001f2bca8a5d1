using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Platform.Engagement.Channels;

/// <summary>
/// Delivers one channel to a provider's HTTPS endpoint: a signed JSON POST, retried with backoff by the standard
/// resilience handler of its named client (<see cref="ChannelsExtensions"/>) on timeouts, 5xx, 408 and 429. The message
/// id is the idempotency key, so a retry the provider already took is not a second message to the client.
/// </summary>
public sealed partial class WebhookChannelAdapter(
    string channel, HttpClient http, WebhookOptions options, TimeProvider time, ILogger<WebhookChannelAdapter> logger) : IChannelAdapter
{
    public IReadOnlyCollection<string> Channels { get; } = [channel];

    public async Task<DeliveryResult> SendAsync(OutreachMessage message, CancellationToken cancellationToken)
    {
        var sentAt = time.GetUtcNow();
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new WebhookPayload(message.MessageId, message.InstanceKey, message.ClientId, message.Channel, message.ItemId, message.Title, message.Body, sentAt),
            JsonSerializerOptions.Web);
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(options.Secret!, body));
        request.Headers.Add(WebhookSignature.TimestampHeader, sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.IdempotencyKeyHeader, message.MessageId.ToString());

        var result = await TrySendAsync(request, cancellationToken);
        if (!result.Delivered)
        {
            Failed(logger, channel, message.MessageId, result.Reason!, result.Transient);
        }

        return result;
    }

    private async Task<DeliveryResult> TrySendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? DeliveryResult.Success
                : DeliveryResult.Failed($"the provider answered {status} {response.ReasonPhrase}".TrimEnd(), IsTransient(status));
        }
        catch (TimeoutRejectedException)
        {
            return DeliveryResult.Failed($"the provider did not answer within {options.AttemptTimeout.TotalSeconds:0.###} s", transient: true);
        }
        catch (BrokenCircuitException)
        {
            return DeliveryResult.Failed("the provider failed too often lately (circuit open)", transient: true);
        }
        catch (HttpRequestException exception)
        {
            return DeliveryResult.Failed($"the provider could not be reached ({exception.HttpRequestError})", transient: true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Failed($"the provider did not answer within {options.TotalTimeout.TotalSeconds:0.###} s in all", transient: true);
        }
    }

    /// <summary>What the resilience handler retries is worth trying again later too; another 4xx refuses this message.</summary>
    private static bool IsTransient(int status) => status is >= 500 or 408 or 429;

    [LoggerMessage(1201, LogLevel.Warning, "Webhook of {Channel} failed for outreach {MessageId}: {Reason} (transient: {Transient})")]
    private static partial void Failed(ILogger logger, string channel, Guid messageId, string reason, bool transient);
}
