namespace Platform.Messaging.Outbox;

/// <summary>A topic that refused every row of a relay round with a verdict on the topic, and took none.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Rows">The round's rows on it, all waiting (held, nothing counted).</param>
/// <param name="Error">The first refusal, for the log.</param>
internal sealed record TopicOutage(string Topic, int Rows, string Error);
