namespace Platform.Engagement.Outreach.Decisions;

public sealed class DecisionOptions
{
    public const string SectionName = "Engagement:Decisions";

    /// <summary>How long a replica with nothing due waits before looking again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Instances claimed per round.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long a claimed instance is this replica's: another takes it over only after, so a replica that died mid-round
    /// delays its instances by this much and loses none.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Clients of a round decided side by side: most of a decision is waiting for Content's words, and different clients'
    /// decisions weigh nothing of each other's (a client's own instances stay in order).
    /// </summary>
    public int Parallelism { get; set; } = 8;

    /// <summary>
    /// How long before its lease ends a round stops starting decisions and records the ones it has: enough for the decisions
    /// under way (up to four SelectContent calls of <see cref="ContentDeadline"/> each) and the recording transaction, so a
    /// slow Content makes rounds smaller instead of rounds whose leases end before they record.
    /// </summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The deadline of each SelectContent call; past it the instance waits for its lease to end and is tried again.</summary>
    public TimeSpan ContentDeadline { get; set; } = TimeSpan.FromSeconds(2);
}
