namespace Platform.Engagement.Channels;

/// <summary>The JSON body a provider receives (camelCase); signed as sent.</summary>
public sealed record WebhookPayload(
    Guid MessageId, string InstanceKey, string ClientId, string Channel, string? ItemId, string Title, string Body, DateTimeOffset SentAt);
