namespace Platform.Engagement.Tests.Outreach;

/// <summary>One instance as the database holds it, with how many inbox messages, deliveries and advisor tasks it has (a query's row).</summary>
public sealed class LedgerRow
{
    public required string InstanceKey { get; init; }

    public required string ClientId { get; init; }

    public required string Moment { get; init; }

    public required string Decision { get; init; }

    public string? Reason { get; init; }

    public required string Channel { get; init; }

    public DateTimeOffset DecideAfter { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public int InboxMessages { get; init; }

    public int Deliveries { get; init; }

    public int DeliveriesDelivered { get; init; }

    public int AdvisorTasks { get; init; }

    public override string ToString() =>
        $"{InstanceKey} {Decision}/{Reason} on {Channel}: inbox {InboxMessages}, deliveries {Deliveries} ({DeliveriesDelivered} delivered), tasks {AdvisorTasks}";
}
