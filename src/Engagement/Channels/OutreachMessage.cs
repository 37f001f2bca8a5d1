namespace Platform.Engagement.Channels;

/// <summary>
/// What a channel delivers for one decided outreach. <paramref name="MessageId"/> is stable across retries and
/// redeliveries of the same outreach, so a provider can drop duplicates by it.
/// </summary>
public sealed record OutreachMessage(Guid MessageId, string InstanceKey, string ClientId, string Channel, string? ItemId, string Title, string Body);
