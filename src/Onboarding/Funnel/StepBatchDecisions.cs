using System.Diagnostics;
using Google.Protobuf;
using Platform.Messaging;
using Platform.Messaging.Envelope;
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

    private readonly Dictionary<string, ChangedFunnel> changed = new(StringComparer.Ordinal);

    /// <summary>The clients whose progress changed, by client id.</summary>
    public IReadOnlyDictionary<string, ChangedFunnel> Changed => changed;

    /// <summary>What each step changed in a client's contribution to the report.</summary>
    public List<ReportChange> ReportChanges { get; } = [];

    public OutboxBatch Outbox { get; } = new();

    private readonly List<EventEnvelope> published = [];

    /// <summary>The events the batch publishes on onboarding.events, in order (the same as in <see cref="Outbox"/>).</summary>
    public IReadOnlyList<EventEnvelope> Published => published;

    /// <summary>Clients whose early deposit funded them as they were approved.</summary>
    public List<string> EarlyDepositsApplied { get; } = [];

    /// <summary>
    /// A client's progress changed (maybe again, by a later command of the batch); <paramref name="progressed"/>
    /// false when the client did nothing new (<see cref="StepChange.Silent"/>, <see cref="StepChange.Reassessed"/>):
    /// the row is written, its timers stay, unless another command of the batch made the client progress. Required,
    /// not defaulted: a caller that forgot it would reschedule timers (and re-arm stall level 1) silently. The first time, its version
    /// becomes the one its row gets from the batch's single write, as the database sets it (1 for a new row, one
    /// more per update, by the trigger client_funnels_version): exact, since the batch holds the clients' locks
    /// and read their rows in its transaction. Decided here, once, so that turning decisions into rows has no
    /// side effects; the progress copies carry it.
    /// </summary>
    public void Change(ClientFunnel funnel, FunnelDefinition latest, bool approvedNow, bool progressed)
    {
        var earlier = changed.GetValueOrDefault(funnel.ClientId);
        if (earlier is null)
        {
            funnel.Version++;
        }

        changed[funnel.ClientId] = new ChangedFunnel(
            funnel, latest, approvedNow || earlier?.Approved == true, progressed || earlier?.Progressed == true);
    }

    /// <summary>
    /// How many risk-level sequences one row version spans. A client's events of one batch share the row's version (one
    /// write per batch), so each takes its rank among them too; a batch holds at most <see cref="FunnelOptions.MaxBatchSize"/>
    /// (5,000) commands of at most two such events each, well below it.
    /// </summary>
    public const long RiskLevelSequencesPerVersion = 1 << 16;

    private readonly Dictionary<string, int> riskLevelEvents = new(StringComparer.Ordinal);

    /// <summary>
    /// The risk-level sequence of the client's next StepRecorded or AccountApproved: its row's version after this batch
    /// (<see cref="Change"/>, which must come first), times <see cref="RiskLevelSequencesPerVersion"/>, plus the event's rank
    /// among the client's events of the batch. Strictly greater with every event of the client, since the version grows with
    /// every write of the row (the trigger client_funnels_version, whoever writes), and needs no round trip of its own: the
    /// version is the one the batch already decided. Consumers order the level by it instead of by Kafka offsets, which a
    /// broker reset, a repartition or a cluster migration restart or renumber.
    /// </summary>
    public long NextRiskLevelSequence(ClientFunnel funnel)
    {
        if (!changed.ContainsKey(funnel.ClientId))
        {
            throw new InvalidOperationException($"Client {funnel.ClientId} publishes its level before its change is decided: its row version is not known yet.");
        }

        var rank = riskLevelEvents.GetValueOrDefault(funnel.ClientId);
        if (rank >= RiskLevelSequencesPerVersion)
        {
            throw new InvalidOperationException($"Client {funnel.ClientId} has more than {RiskLevelSequencesPerVersion} events in one batch.");
        }

        riskLevelEvents[funnel.ClientId] = rank + 1;
        return (funnel.Version * RiskLevelSequencesPerVersion) + rank;
    }

    /// <summary>An event of the client's on onboarding.events, into the batch's outbox rows.</summary>
    public void Publish(string clientId, IMessage message, DateTimeOffset? occurredAt, ActivityContext? trace) =>
        published.Add(Outbox.Add(Topics.OnboardingEvents, clientId, message, Now, occurredAt, trace: trace));

    /// <summary>How many steps a client had reached when loaded: the domain only appends, so only later ones are new.</summary>
    public int ReachedBefore(string clientId) => reachedBefore.GetValueOrDefault(clientId);
}
