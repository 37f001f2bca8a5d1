namespace Platform.Messaging;

/// <summary>
/// Settings of the messaging layer, section <c>Messaging</c>. Bootstrap servers come from
/// <c>ConnectionStrings:kafka</c>, which wins over <c>Messaging:Kafka:bootstrap.servers</c>.
/// </summary>
public sealed class MessagingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messaging";

    /// <summary>Extra librdkafka settings for every client, e.g. <c>security.protocol</c>.</summary>
    public Dictionary<string, string> Kafka { get; set; } = [];

    /// <summary>How the outbox relay behaves.</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>Defaults for every consumer; a consumer group may override them under <c>Messaging:Consumers:&lt;group&gt;</c>.</summary>
    public ConsumerOptions Consumer { get; set; } = new();

    /// <summary>Per consumer group overrides: each group's keys over <see cref="Consumer"/>'s (<c>AddMessaging</c> merges them).</summary>
    /// <remarks>By name, ignoring case, as configuration keys are (an environment variable's key may be upper case).</remarks>
    public Dictionary<string, ConsumerOptions> Consumers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Appended to every consumer group id (and inbox consumer name). Deployments that share a
    /// Kafka cluster but not a database (test hosts, staging beside production) need groups of
    /// their own, or they split each other's partitions and each misses the other's messages.
    /// </summary>
    public string ConsumerGroupSuffix { get; set; } = string.Empty;

    /// <summary>Deadline of a delivery acknowledged by Kafka (librdkafka <c>message.timeout.ms</c>).</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a producer waits for more messages of a partition before it sends a request (librdkafka <c>linger.ms</c>):
    /// longer fills requests better under load and delays each publish by up to this much. 0 to 1 s.
    /// </summary>
    public TimeSpan Linger { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>The options of one consumer group.</summary>
    public ConsumerOptions ConsumerFor(string group) => Consumers.TryGetValue(group, out var options) ? options : Consumer;
}

/// <summary>Outbox relay settings, section <c>Messaging:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>Rows published per transaction.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often the relay looks for rows when nothing signalled it (other replicas, restarts).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a failed batch; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Longest wait between retries of a batch, or of the heads of held streams: rows that failed while others were
    /// delivered, and rows that timed out on a sick partition or broker (held in the relay's memory meanwhile).
    /// </summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Failed attempts after which a row is parked (moved aside, see <see cref="Outbox.OutboxMessage.ParkedAt"/>).
    /// Only attempts that say something about the row count: a timeout or transport error counts only
    /// when another row of the same topic-partition was delivered in the round, so an outage, whole or
    /// of one partition or broker, never parks anything.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// Rows delivered (and deleted) after which the relay vacuums the outbox table itself; 0 leaves it to autovacuum.
    /// The outbox is a queue: every row is deleted within a second of its insert, and until a vacuum removes them the
    /// claim's index scan steps over every deleted row (autovacuum visits a database once a minute: 180,000 rows
    /// under the Onboarding benchmark's load, 1,400-5,000 pages read per claim). A vacuum of a few thousand
    /// deleted rows takes milliseconds.
    /// </summary>
    public int VacuumAfterRows { get; set; } = 10_000;
}

/// <summary>Consumer settings, section <c>Messaging:Consumer</c> or <c>Messaging:Consumers:&lt;group&gt;</c>.</summary>
public sealed class ConsumerOptions
{
    /// <summary>Attempts of a failing handler before the message goes to the dead-letter topic.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failed attempt; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between attempts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Events one transaction handles at most in a group that handles in batches (<see cref="Consuming.IEventBatchHandler"/>):
    /// what the client already fetched, never waiting for more. Ignored by per-event groups.
    /// </summary>
    public int MaxBatch { get; set; } = 500;

    /// <summary>
    /// Members of the group this process runs side by side (1..16), each with its own share of the partitions: while one
    /// waits for the database (a batch is a chain of round trips and a commit), another computes its next batch. A client's
    /// events stay in one partition, hence with one member, in order.
    /// </summary>
    public int Members { get; set; } = 1;

    /// <summary>
    /// librdkafka <c>max.poll.interval.ms</c>: a consumer that does not poll for this long leaves its group, and its partitions
    /// go to another member (which handles again what this one had not stored). A batch therefore hands back what it has not
    /// finished after half of it (<see cref="BatchTimeBudget"/>) and polls; an event's retries are never cut, so they must
    /// fit in a quarter of it (checked at start). Set here, not under <c>Messaging:Kafka</c>.
    /// </summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a batch may keep the consumer from polling before the rest of it goes back to the poll loop.</summary>
    internal TimeSpan BatchTimeBudget => MaxPollInterval / 2;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based): doubling from <see cref="InitialBackoff"/> up to <see cref="MaxBackoff"/>.</summary>
    internal TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(InitialBackoff.Ticks * (1L << Math.Min(attempt - 1, 20)), MaxBackoff.Ticks));

    /// <summary>The waits of one event's retries, all attempts failing: what one event can keep a consumer from polling, besides its handler's time.</summary>
    internal TimeSpan RetryWaits => TimeSpan.FromTicks(Enumerable.Range(1, Math.Max(0, MaxAttempts - 1)).Sum(a => Backoff(a).Ticks));

    /// <summary>librdkafka <c>session.timeout.ms</c> of the classic protocol; short, so that a dead consumer's partitions move in seconds.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// <c>classic</c> (any Kafka) or <c>consumer</c> (KIP-848, Kafka 4.0+ and DevBroker, where
    /// rebalances take under a second instead of several). With <c>consumer</c> the broker owns
    /// session timeouts, so <see cref="SessionTimeout"/> is not sent.
    /// </summary>
    public string GroupProtocol { get; set; } = "classic";

    /// <summary>A copy to bind a group's own section onto: shallow, which is a full copy while every property is a value or a string (a test checks).</summary>
    public ConsumerOptions Copy() => (ConsumerOptions)MemberwiseClone();
}
