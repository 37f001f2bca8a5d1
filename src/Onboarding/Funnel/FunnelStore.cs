using System.Diagnostics;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Microsoft.EntityFrameworkCore.Storage;
using Platform.Messaging;
using Platform.Messaging.Outbox;
using Platform.Onboarding.Events;
using Platform.Onboarding.Funding;
using Platform.Onboarding.Grpc;
using Platform.Onboarding.Privacy;
using Platform.Onboarding.Progress;
using Platform.Onboarding.Reports;

namespace Platform.Onboarding.Funnel;

/// <summary>
/// Records step events in one transaction per batch, straight through: load (one round trip:
/// locks, progress, answers, early deposits), decide (the domain, in memory, into
/// <see cref="StepBatchDecisions"/>), write (each feature's rows through <see cref="IStepBatchRows"/>,
/// one round trip), commit, then the work after the commit. Events of one client are
/// serialised by a transaction-scoped advisory lock on the client id, which also covers the
/// client's very first event, before any row exists to lock.
/// </summary>
public sealed partial class FunnelStore(
    OnboardingDbContext db, FunnelDefinitionStore definitions, ProgressCache progress, IEnumerable<IStepBatchRows> rows,
    IEnumerable<IAfterStepsCommitted> afterCommit, TimeProvider time, FunnelTelemetry telemetry, ILogger<FunnelStore> logger)
{
    /// <summary>
    /// Records a batch of steps in one transaction (group commit): a fixed number of round trips
    /// whatever the batch size. Commands apply in order, so one client's steps in a batch behave
    /// as if recorded one by one. A command the funnel cannot take fails alone; the others commit.
    /// </summary>
    public async Task<IReadOnlyList<StepResult>> RecordBatchAsync(IReadOnlyList<StepCommand> commands, CancellationToken cancellationToken)
    {
        var results = new StepResult[commands.Count];
        var latestByName = new Dictionary<string, FunnelDefinition?>(StringComparer.Ordinal);
        foreach (var name in commands.Select(c => c.FunnelName).Distinct(StringComparer.Ordinal))
        {
            latestByName[name] = (await definitions.GetLatestAsync(name, cancellationToken))?.Definition;
        }

        var clientIds = commands.Select(c => c.ClientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var events = commands.Select(c => (c.ClientId, c.Report.EventId)).Distinct().ToArray();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        // Load: the clients locked, their progress, answers and early deposits, in one round trip.
        var (answered, funnels, earlyDeposits, erased) = await StepBatchState.LoadAsync(connection, npgsqlTransaction, clientIds, events, cancellationToken);
        // Decide: every command applied in memory, in order.
        var now = time.GetUtcNow();
        var decisions = new StepBatchDecisions(now, funnels.Values.ToDictionary(f => f.ClientId, f => f.Reached.Count, StringComparer.Ordinal));
        var counts = new List<Action>(); // counted once committed: a batch rolled back and recorded again counts once
        for (var i = 0; i < commands.Count; i++)
        {
            var (clientId, funnelName, report, trace) = commands[i];
            if (erased.Contains(clientId))
            {
                // Erased for good: nothing of the client is recorded again, not even a replay's answer.
                results[i] = new StepResult(null, null, new ClientErasedException(clientId));
                continue;
            }

            if (answered.TryGetValue((clientId, report.EventId), out var earlier))
            {
                counts.Add(telemetry.Duplicate);
                results[i] = new StepResult(AsDuplicate(earlier), null);
                continue;
            }

            try
            {
                var latest = latestByName[funnelName] ?? throw new FunnelRequestException("funnel", $"unknown funnel '{funnelName}'");
                var funnel = funnels.GetValueOrDefault(clientId);
                var definition = funnel is null ? latest : await ClientDefinitionAsync(funnel, funnelName, cancellationToken);
                CheckStepsBelongTo(definition, report);
                var isNew = funnel is null;
                funnel ??= funnels[clientId] = ClientFunnel.Start(clientId, definition, report);
                var change = Decide(decisions, funnel, isNew, definition, latest, report, earlyDeposits, trace);
                var outcome = new StepOutcome(clientId, funnel.Status.ToWireName(), funnel.CurrentStep.ToWireName(),
                    funnel.NextStep(definition)?.ToWireName() ?? string.Empty, Duplicate: false);
                var recorded = new RecordedStepEvent
                {
                    EventId = report.EventId, ClientId = clientId, Status = outcome.Status, CurrentStep = outcome.CurrentStep,
                    NextStep = outcome.NextStep, RecordedAt = now,
                };
                decisions.Answers.Add(recorded);
                answered[(clientId, report.EventId)] = recorded;
                var step = report.Step;
                counts.Add(() => telemetry.Recorded(step, change is StepChange.Progressed or StepChange.Reassessed));
                results[i] = new StepResult(outcome, null);
            }
            catch (FunnelRequestException ex)
            {
                results[i] = new StepResult(null, ex);
            }
        }

        // Write: every feature's rows for the decisions, in one round trip.
        await using (var batch = new NpgsqlBatch(connection, npgsqlTransaction))
        {
            foreach (var command in rows.SelectMany(feature => feature.RowsFor(decisions)))
            {
                batch.BatchCommands.Add(command);
            }

            if (batch.BatchCommands.Count > 0)
            {
                // Prepared once per physical connection and kept: PostgreSQL plans each statement shape once.
                await batch.PrepareAsync(cancellationToken);
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        await AfterCommitAsync(decisions.Changed.Values.Select(c => c.Funnel).ToList(), counts);
        return results;
    }

    /// <summary>
    /// Decides one step in memory: applies it to the client's progress and adds what follows to the batch's
    /// decisions. Progress publishes (a step counts once) and reschedules timers; a new level is published but
    /// leaves the timers; a silent change is only written. Pure, apart from the funnel and the decisions it is given: the property tests replay it.
    /// </summary>
    /// <param name="isNew">The client's first step: it enters the report.</param>
    public static StepChange Decide(StepBatchDecisions decisions, ClientFunnel funnel, bool isNew, FunnelDefinition definition,
        FunnelDefinition latest, StepReport report, IDictionary<string, DateTimeOffset> earlyDeposits, ActivityContext? trace)
    {
        var before = isNew ? null : ReportContribution.Of(funnel, definition);
        var change = funnel.Record(definition, report);
        decisions.ReportChanges.Add(new ReportChange(before, ReportContribution.Of(funnel, definition)));
        // Changed before anything is published: the events' risk-level sequence is built from the row's version after the batch.
        if (change is StepChange.Silent or StepChange.Reassessed)
        {
            decisions.Change(funnel, latest, approvedNow: false, progressed: false);
            if (change == StepChange.Reassessed)
            {
                decisions.Publish(funnel.ClientId, ToEvent(funnel, report, decisions.NextRiskLevelSequence(funnel)), report.OccurredAt, trace);
            }
        }
        else if (change == StepChange.Progressed)
        {
            decisions.Change(funnel, latest, approvedNow: report.Step == FunnelStep.Approved, progressed: true);
            decisions.Publish(funnel.ClientId, ToEvent(funnel, report, decisions.NextRiskLevelSequence(funnel)), report.OccurredAt, trace);
            if (MilestoneEvent(decisions, funnel, report) is { } milestone)
            {
                decisions.Publish(funnel.ClientId, milestone, report.OccurredAt, trace);
            }

            if (report.Step == FunnelStep.Approved && earlyDeposits.Remove(funnel.ClientId, out var depositedAt) && funnel.MarkFunded(depositedAt))
            {
                // The money came first: the account is funded as it opens, and never watched for dormancy.
                decisions.EarlyDepositsApplied.Add(funnel.ClientId);
                decisions.Publish(funnel.ClientId, AccountFundedEvent.Of(funnel), funnel.FundedAt, trace);
            }
        }

        return change;
    }

    /// <summary>
    /// The steps are committed and will be answered as such, whatever fails now: a copy not refreshed
    /// expires (or the client's next change refreshes it), which is better than a caller told that a
    /// recorded step failed. Not cancelled by a stopping host or a caller gone: a retry of these steps
    /// is a duplicate and refreshes nothing.
    /// </summary>
    private async Task AfterCommitAsync(IReadOnlyCollection<ClientFunnel> changed, List<Action> counts)
    {
        try
        {
            counts.ForEach(count => count());
        }
        catch (Exception ex)
        {
            LogAfterCommitFailed(logger, ex, nameof(FunnelTelemetry));
        }

        foreach (var work in afterCommit)
        {
            try
            {
                await work.StepsCommittedAsync(changed, CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogAfterCommitFailed(logger, ex, work.GetType().Name);
            }
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "After a committed batch of steps, {Work} failed; the steps stay recorded")]
    private static partial void LogAfterCommitFailed(ILogger logger, Exception exception, string work);

    /// <summary>A client stays on the version it started with.</summary>
    private async Task<FunnelDefinition> ClientDefinitionAsync(ClientFunnel funnel, string funnelName, CancellationToken cancellationToken)
    {
        if (funnel.Funnel != funnelName)
        {
            throw new FunnelRequestException("funnel", $"the client is in funnel '{funnel.Funnel}'");
        }

        return await definitions.GetAsync(funnel.Funnel, funnel.FunnelVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Funnel {funnel.Funnel} v{funnel.FunnelVersion} is missing.");
    }

    private static void CheckStepsBelongTo(FunnelDefinition definition, StepReport report)
    {
        if (report.Step != FunnelStep.Rejected && !definition.Contains(report.Step))
        {
            throw new FunnelRequestException("step", $"not a step of funnel {definition.Name} v{definition.Version}");
        }

        if (report.BackToStep is { } back && !definition.Contains(back))
        {
            throw new FunnelRequestException("backToStep", $"not a step of funnel {definition.Name} v{definition.Version}");
        }
    }

    /// <summary>Rejection and approval are facts of their own that other services react to; the approval carries the level.</summary>
    private static IMessage? MilestoneEvent(StepBatchDecisions decisions, ClientFunnel funnel, StepReport report) => report.Step switch
    {
        FunnelStep.Rejected => new ApplicationRejected
        {
            ClientId = funnel.ClientId, Funnel = funnel.Funnel, Reason = report.Reason ?? string.Empty,
            BackToStep = funnel.CurrentStep.ToWireName(), Resubmissions = funnel.Resubmissions,
            OccurredAt = Timestamp.FromDateTimeOffset(report.OccurredAt), Channel = funnel.Channel, Campaign = funnel.Campaign,
        },
        FunnelStep.Approved => new AccountApproved
        {
            ClientId = funnel.ClientId, Funnel = funnel.Funnel, OccurredAt = Timestamp.FromDateTimeOffset(report.OccurredAt),
            RiskLevel = funnel.RiskLevel ?? string.Empty, Channel = funnel.Channel, Campaign = funnel.Campaign,
            RegisteredAt = Timestamp.FromDateTimeOffset(funnel.RegisteredAt), RiskLevelSequence = decisions.NextRiskLevelSequence(funnel),
        },
        _ => null,
    };

    /// <summary>The resume point: Redis first, then the database (which refreshes Redis); null for an unknown client.</summary>
    public async Task<ProgressReply?> GetProgressAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await progress.GetAsync(clientId) is { } cached)
        {
            return cached;
        }

        var funnel = await db.ClientFunnels.AsNoTracking().FirstOrDefaultAsync(f => f.ClientId == clientId, cancellationToken);
        return funnel is null ? null : await progress.RefreshAsync(funnel, cancellationToken);
    }

    private static StepOutcome AsDuplicate(RecordedStepEvent earlier) =>
        new(earlier.ClientId, earlier.Status, earlier.CurrentStep, earlier.NextStep, Duplicate: true);

    private static StepRecorded ToEvent(ClientFunnel funnel, StepReport report, long riskLevelSequence) => new()
    {
        ClientId = funnel.ClientId,
        Funnel = funnel.Funnel,
        FunnelVersion = funnel.FunnelVersion,
        Step = report.Step.ToWireName(),
        OccurredAt = Timestamp.FromDateTimeOffset(report.OccurredAt),
        Channel = funnel.Channel,
        Campaign = funnel.Campaign,
        Device = report.Device,
        Attempt = report.Attempt,
        Status = funnel.Status.ToWireName(),
        CurrentStep = funnel.CurrentStep.ToWireName(),
        RiskLevel = funnel.RiskLevel ?? string.Empty,
        RegisteredAt = Timestamp.FromDateTimeOffset(funnel.RegisteredAt),
        RiskLevelSequence = riskLevelSequence,
    };
}
