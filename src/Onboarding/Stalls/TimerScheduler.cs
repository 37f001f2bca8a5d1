using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Platform.Onboarding.Funnel;
using Platform.Messaging.Postgres;

namespace Platform.Onboarding.Stalls;

/// <summary>
/// Keeps a client's timers in step with its progress, inside the caller's transaction. Stall
/// thresholds come from the funnel's latest version at the time of scheduling: a change by
/// operators applies to timers scheduled after it.
/// </summary>
public sealed class TimerScheduler(OnboardingDbContext db)
{
    // The replaced timers that get no successor (a client that can no longer stall, an approved client already
    // funded): a timer replaced by a successor is overwritten in place by UpsertTimers instead, one row version
    // where a delete and an insert cost two and a statement more (measured: the pair was 5% of PostgreSQL's time
    // per step).
    private const string DeleteEnded = """
        DELETE FROM funnel_timers WHERE (kind = $2 AND client_id = ANY($1)) OR (kind = $4 AND client_id = ANY($3))
        """;

    private const string UpsertTimers = """
        INSERT INTO funnel_timers (client_id, kind, level, due_at, episode_started_at)
        SELECT * FROM unnest($1, $2, $3, $4, $5)
        ON CONFLICT (client_id, kind) DO UPDATE SET level = excluded.level, due_at = excluded.due_at, episode_started_at = excluded.episode_started_at
        """;

    /// <summary>
    /// After progress: each client's stall timer moves to the first threshold after its last
    /// activity (or goes, once it no longer can stall); clients approved now get a dormant timer.
    /// A client still in a stall episode (a late step changed it without ending the episode)
    /// keeps its next level's timer: a new level-1 timer from its unchanged last activity would be
    /// due at once and tell the client a second time that it stalled. A client that did not
    /// progress (a silent change, a new risk level alone) keeps its timers and its episode.
    /// At most two statements for the whole batch, whatever its size, for the caller's batch.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Reschedule(IReadOnlyList<ChangedFunnel> changed)
    {
        var plan = Plan(changed);
        var timers = plan.Timers;
        var ended = (
            Stall: plan.StallsReplaced.Except(timers.Where(t => t.Kind == TimerKind.Stall).Select(t => t.ClientId), StringComparer.Ordinal).ToList(),
            Dormant: plan.DormantReplaced.Except(timers.Where(t => t.Kind == TimerKind.Dormant).Select(t => t.ClientId), StringComparer.Ordinal).ToList());
        if (ended.Stall.Count > 0 || ended.Dormant.Count > 0)
        {
            yield return Sql.Command(DeleteEnded,
                SqlArrays.Of(NpgsqlDbType.Text, ended.Stall),
                new NpgsqlParameter<int> { TypedValue = (int)TimerKind.Stall },
                SqlArrays.Of(NpgsqlDbType.Text, ended.Dormant),
                new NpgsqlParameter<int> { TypedValue = (int)TimerKind.Dormant });
        }

        if (timers.Count > 0)
        {
            yield return Sql.Command(UpsertTimers,
                SqlArrays.Of(NpgsqlDbType.Text, timers.Select(t => t.ClientId)),
                SqlArrays.Of(NpgsqlDbType.Integer, timers.Select(t => (int)t.Kind)),
                SqlArrays.Of(NpgsqlDbType.Integer, timers.Select(t => t.Level)),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, timers.Select(t => t.DueAt.ToUniversalTime())),
                SqlArrays.Of(NpgsqlDbType.TimestampTz, timers.Select(t => t.EpisodeStartedAt.ToUniversalTime())));
        }
    }

    /// <summary>What <see cref="Reschedule"/> writes, in memory: the clients whose stall (and dormant) timers go, and the new timers.</summary>
    public static TimerPlan Plan(IReadOnlyList<ChangedFunnel> changed)
    {
        changed = [.. changed.Where(c => c.Progressed && c.Funnel.StallLevel == 0)];
        var timers = new List<FunnelTimer>();
        foreach (var (funnel, latest, isApproved, _) in changed)
        {
            if (funnel.CanStall)
            {
                timers.Add(Timer(funnel.ClientId, TimerKind.Stall, 1, funnel.LastActivityAt + latest.StallAfter[0], funnel.LastActivityAt));
            }

            if (isApproved && funnel.ApprovedAt is { } approvedAt && funnel.FundedAt is null)
            {
                timers.Add(Timer(funnel.ClientId, TimerKind.Dormant, 1, approvedAt + latest.DormantAfter, approvedAt));
            }
        }

        return new TimerPlan(
            [.. changed.Select(c => c.Funnel.ClientId)], [.. changed.Where(c => c.Approved).Select(c => c.Funnel.ClientId)], timers);
    }

    /// <summary>After a stall fired: the next level, while thresholds remain.</summary>
    public void ScheduleNextStall(ClientFunnel funnel, FunnelDefinition latest, int firedLevel)
    {
        if (NextStall(funnel, latest, firedLevel) is { } next)
        {
            db.Set<FunnelTimer>().Add(next);
        }
    }

    /// <summary>The next level's timer after <paramref name="firedLevel"/> fired, in memory; null after the last threshold.</summary>
    public static FunnelTimer? NextStall(ClientFunnel funnel, FunnelDefinition latest, int firedLevel) =>
        firedLevel < latest.StallAfter.Count
            ? Timer(funnel.ClientId, TimerKind.Stall, firedLevel + 1, funnel.LastActivityAt + latest.StallAfter[firedLevel], funnel.LastActivityAt)
            : null;

    public Task CancelAsync(string clientId, TimerKind kind, CancellationToken cancellationToken) =>
        db.Set<FunnelTimer>().Where(t => t.ClientId == clientId && t.Kind == kind).ExecuteDeleteAsync(cancellationToken);

    private static FunnelTimer Timer(string clientId, TimerKind kind, int level, DateTimeOffset dueAt, DateTimeOffset episode) =>
        new() { ClientId = clientId, Kind = kind, Level = level, DueAt = dueAt, EpisodeStartedAt = episode };
}
