using Platform.Messaging.Outbox;
using Platform.Onboarding.Reports;

namespace Platform.Onboarding.Funnel;

/// <summary>
/// What one batch of steps decided, in memory, before anything is written: each feature turns it
/// into its rows (<see cref="IStepBatchRows"/>), all sent in one round trip.
/// </summary>
public sealed class StepBatchDecisions(DateTimeOffset now, IReadOnlyDictionary<string, int> reachedBefore)
{
    public DateTimeOffset Now { get; } = now;

    /// <summary>The answers given, kept for replays of their event ids.</summary>
    public List<RecordedStepEvent> Answers { get; } = [];

    /// <summary>The clients whose progress changed, by client id.</summary>
    public Dictionary<string, ChangedFunnel> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>What each step changed in a client's contribution to the report.</summary>
    public List<ReportChange> ReportChanges { get; } = [];

    public OutboxBatch Outbox { get; } = new();

    /// <summary>Clients whose early deposit funded them as they were approved.</summary>
    public List<string> EarlyDepositsApplied { get; } = [];

    /// <summary>How many steps a client had reached when loaded: the domain only appends, so only later ones are new.</summary>
    public int ReachedBefore(string clientId) => reachedBefore.GetValueOrDefault(clientId);
}
