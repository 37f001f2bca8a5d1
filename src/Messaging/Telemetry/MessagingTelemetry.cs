using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.Messaging.Telemetry;

/// <summary>
/// The spans and metrics of the messaging layer. Spans follow the OpenTelemetry messaging
/// conventions (<c>&lt;topic&gt; publish</c>, <c>&lt;topic&gt; process</c>); metrics carry
/// topic and consumer group as tags, never keys or payloads.
/// </summary>
public static class MessagingTelemetry
{
    /// <summary>Name of the activity source and the meter.</summary>
    public const string Name = "Platform.Messaging";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Published = Meter.CreateCounter<long>("messaging.outbox.published", "{message}", "Outbox messages delivered to Kafka.");
    internal static readonly Counter<long> PublishFailed = Meter.CreateCounter<long>("messaging.outbox.publish_failed", "{message}", "Outbox messages whose delivery failed and will be retried.");
    internal static readonly Counter<long> Parked = Meter.CreateCounter<long>("messaging.outbox.parked", "{message}",
        "Outbox messages the relay gave up on (a permanent error, or Messaging:Outbox:MaxAttempts attempts); they wait for an operator.");
    internal static readonly Counter<long> TopicOutage = Meter.CreateCounter<long>("messaging.outbox.topic_outage", "{round}",
        "Relay rounds in which Kafka refused every row of a topic with a verdict on the topic (authorization, policy, unknown topic) and took none: nothing counted, the rows wait.");
    internal static readonly Counter<long> Handled = Meter.CreateCounter<long>("messaging.consumer.handled", "{message}", "Messages handled and committed.");
    internal static readonly Counter<long> Duplicates = Meter.CreateCounter<long>("messaging.consumer.duplicates", "{message}", "Messages skipped because the inbox had already seen their event id.");
    internal static readonly Counter<long> Retried = Meter.CreateCounter<long>("messaging.consumer.retried", "{attempt}", "Handler attempts that failed and were retried.");
    internal static readonly Counter<long> DeadLetterFailed = Meter.CreateCounter<long>("messaging.consumer.dead_letter_failed", "{attempt}",
        "Dead-letter writes that failed; the message keeps its place and the write is retried.");
    internal static readonly Counter<long> DeadLettered = Meter.CreateCounter<long>("messaging.consumer.dead_lettered", "{message}", "Messages sent to a dead-letter topic.");

    private static readonly ConcurrentDictionary<string, OutboxState> OutboxStates = new();
    private static readonly ConcurrentDictionary<(string Group, string Topic, int Partition), long> Lags = new();

    static MessagingTelemetry()
    {
        Meter.CreateObservableGauge("messaging.outbox.backlog",
            () => OutboxStates.Select(s => new Measurement<long>(s.Value.Backlog, new KeyValuePair<string, object?>("outbox", s.Key))),
            "{message}", "Outbox messages waiting to be delivered.");
        Meter.CreateObservableGauge("messaging.outbox.oldest_age",
            () => OutboxStates.Select(s => new Measurement<double>(s.Value.OldestAgeSeconds, new KeyValuePair<string, object?>("outbox", s.Key))),
            "s", "Age of the oldest undelivered outbox message.");
        Meter.CreateObservableGauge("messaging.consumer.lag",
            () => Lags.Select(l => new Measurement<long>(l.Value,
                new KeyValuePair<string, object?>("messaging.consumer.group.name", l.Key.Group),
                new KeyValuePair<string, object?>("messaging.destination.name", l.Key.Topic),
                new KeyValuePair<string, object?>("messaging.destination.partition.id", l.Key.Partition))),
            "{message}", "Messages in a partition behind the consumer's position.");
    }

    internal static void RecordOutbox(string outbox, long backlog, double oldestAgeSeconds) =>
        OutboxStates[outbox] = new OutboxState(backlog, oldestAgeSeconds);

    internal static void RecordLag(string group, string topic, int partition, long lag) => Lags[(group, topic, partition)] = lag;

    internal static KeyValuePair<string, object?> Topic(string topic) => new("messaging.destination.name", topic);

    internal static KeyValuePair<string, object?> Group(string group) => new("messaging.consumer.group.name", group);

    internal static Activity? StartPublish(string topic, string? parentTraceParent, string? parentTraceState, Guid eventId, string eventType)
    {
        ActivityContext.TryParse(parentTraceParent, parentTraceState, out var parent);
        var activity = Source.StartActivity($"{topic} publish", ActivityKind.Producer, parent);
        Tag(activity, topic, eventId, eventType, "publish");
        return activity;
    }

    internal static Activity? StartProcess(string topic, string group, string? traceParent, string? traceState, Guid eventId, string eventType)
    {
        ActivityContext.TryParse(traceParent, traceState, out var parent);
        var activity = Source.StartActivity($"{topic} process", ActivityKind.Consumer, parent);
        Tag(activity, topic, eventId, eventType, "process");
        activity?.SetTag("messaging.consumer.group.name", group);
        return activity;
    }

    /// <summary>
    /// One span for a batch handled in one transaction (OpenTelemetry's batch processing): linked to each message's publisher
    /// trace, as a span has one parent but a batch many.
    /// </summary>
    internal static Activity? StartProcessBatch(string group, IReadOnlyList<(string Topic, Confluent.Kafka.Headers Headers)> messages, int events)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>();
        foreach (var (_, headers) in messages)
        {
            if (ActivityContext.TryParse(Envelope.EventEnvelope.ReadHeader(headers, Envelope.EnvelopeHeaders.TraceParent),
                Envelope.EventEnvelope.ReadHeader(headers, Envelope.EnvelopeHeaders.TraceState), out var context))
            {
                links.Add(new ActivityLink(context));
            }
        }

        var topics = messages.Select(m => m.Topic).Distinct().ToList();
        var activity = Source.StartActivity(topics.Count == 1 ? $"{topics[0]} process" : "process", ActivityKind.Consumer, default(ActivityContext), links: links);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.consumer.group.name", group);
        activity?.SetTag("messaging.batch.message_count", events);
        return activity;
    }

    private static void Tag(Activity? activity, string topic, Guid eventId, string eventType, string operation)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.type", operation);
        activity.SetTag("messaging.destination.name", topic);
        activity.SetTag("messaging.message.id", eventId.ToString());
        activity.SetTag("platform.event_type", eventType);
    }

    private sealed record OutboxState(long Backlog, double OldestAgeSeconds);
}
