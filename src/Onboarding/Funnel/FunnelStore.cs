using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Messaging;
using Platform.Onboarding.Events;

namespace Platform.Onboarding.Funnel;

/// <summary>The answer to one step event.</summary>
public sealed record StepOutcome(string ClientId, string Status, string CurrentStep, string NextStep, bool Duplicate);

/// <summary>
/// Records step events: the client's progress, the answer kept for replays of the event id, and
/// the StepRecorded event in the outbox, all in one transaction. Events of one client are
/// serialised by a transaction-scoped advisory lock on the client id, which also covers the
/// client's very first event, before any row exists to lock.
/// </summary>
public sealed class FunnelStore(OnboardingDbContext db, TimeProvider time, FunnelTelemetry telemetry)
{
    public async Task<StepOutcome> RecordAsync(string clientId, StepReport report, CancellationToken cancellationToken)
    {
        var definition = FunnelDefinition.Standard;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({clientId}, 0))", cancellationToken);

        if (await db.RecordedStepEvents.AsNoTracking().FirstOrDefaultAsync(e => e.EventId == report.EventId, cancellationToken) is { } earlier)
        {
            telemetry.Duplicate();
            return AsDuplicate(earlier);
        }

        var funnel = await db.ClientFunnels.FirstOrDefaultAsync(f => f.ClientId == clientId, cancellationToken);
        if (funnel is null)
        {
            funnel = ClientFunnel.Start(clientId, definition, report);
            db.ClientFunnels.Add(funnel);
        }

        var changed = funnel.Record(definition, report);
        var now = time.GetUtcNow();
        var outcome = new StepOutcome(clientId, funnel.Status.ToWireName(), funnel.CurrentStep.ToWireName(),
            funnel.NextStep(definition)?.ToWireName() ?? string.Empty, Duplicate: false);
        db.RecordedStepEvents.Add(new RecordedStepEvent
        {
            EventId = report.EventId, ClientId = clientId, Status = outcome.Status, CurrentStep = outcome.CurrentStep,
            NextStep = outcome.NextStep, RecordedAt = now,
        });
        if (changed)
        {
            db.AddOutboxEvent(Topics.OnboardingEvents, clientId, ToEvent(funnel, report), now, report.OccurredAt);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same event id arrived for another client id at the same moment; its first answer stands.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            var first = await db.RecordedStepEvents.AsNoTracking().SingleAsync(e => e.EventId == report.EventId, cancellationToken);
            return AsDuplicate(first);
        }

        telemetry.Recorded(report.Step, changed);
        return outcome;
    }

    public Task<ClientFunnel?> FindAsync(string clientId, CancellationToken cancellationToken) =>
        db.ClientFunnels.AsNoTracking().FirstOrDefaultAsync(f => f.ClientId == clientId, cancellationToken);

    private static StepOutcome AsDuplicate(RecordedStepEvent earlier) =>
        new(earlier.ClientId, earlier.Status, earlier.CurrentStep, earlier.NextStep, Duplicate: true);

    private static StepRecorded ToEvent(ClientFunnel funnel, StepReport report) => new()
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
    };
}
