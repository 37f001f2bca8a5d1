using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Engagement.Rules;
using Platform.Engagement.Settings;
using Platform.ServiceDefaults.Data;

namespace Platform.Engagement.Outreach.Firing;

/// <summary>
/// Fires the waits and schedules that fell due, on every replica: a batch is claimed and deleted in one statement (FOR
/// UPDATE SKIP LOCKED) in the transaction that inserts the instances they fire, so a crash fires nothing or all of them,
/// and two replicas never fire one twice (the instance key would refuse it anyway). Client conditions are judged now, on
/// the client's state at the due time, and a schedule anchored on a client field fires (and goes on) only while the field
/// still holds its anchor (a lazy anchored one is set again on the field's new value); a schedule with a period starts its
/// next occurrence. Driven by TimeProvider.
/// </summary>
internal sealed class MomentTimerWorker(
    IServiceScopeFactory scopes, IOptions<FiringOptions> options, TimeProvider time, IDatabaseReadiness database, ILogger<MomentTimerWorker> logger)
    : DrainingWorker(database, logger)
{
    private const string Claim = """
        DELETE FROM moment_timers WHERE id IN (
            SELECT id FROM moment_timers WHERE due_at <= $1 ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, rule_key, rule_version, client_id, instance_key, started_at, due_at, anchor_at, trigger_event_id, channel, priority,
            content_values::text
        """;

    protected override TimeSpan Pause => options.Value.TimerPollInterval;

    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "moment timers";

    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<EngagementDbContext>();
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await ClaimAsync(db, now, options.Value.TimerBatchSize, cancellationToken);
        if (due.Count == 0)
        {
            return false;
        }

        var rules = await services.GetRequiredService<RuleBook>().GetAsync(cancellationToken);
        var settings = (await services.GetRequiredService<SettingsReader>().GetCurrentAsync(cancellationToken)).Settings;
        var fields = await services.GetRequiredService<IClientFields>().ReadAsync([.. due.Select(t => t.ClientId).Distinct(StringComparer.Ordinal)], now,
            cancellationToken);
        var (instances, next) = (new List<OutreachInstance>(), new List<MomentTimer>());
        foreach (var timer in due)
        {
            // A rule disabled or removed since the wait started fires nothing.
            if (rules.Get(timer.RuleKey) is not { Enabled: true } rule)
            {
                continue;
            }

            var instanceKey = timer.InstanceKey;
            // A schedule anchored on a client field fires only while the field still holds its anchor: the idle-cash run or the
            // disengagement it counted from has not ended. A lazy anchored timer whose anchor moved on (a login since) is set
            // again from the field's value, and fires now when that time has passed too; one whose field is gone (the run
            // ended) is dropped.
            if (timer.Kind is MomentTimer.Schedule or MomentTimer.Anchored && rule.Schedule is { } anchored
                && !anchored.At.StartsWith(EventFields.Prefix, StringComparison.Ordinal)
                && fields[timer.ClientId].GetValueOrDefault(anchored.At) is var value && !(value is DateTimeOffset held && held == timer.AnchorAt))
            {
                // As on a trigger (MomentFiring): a time ahead of an anchor that has itself passed is pointless.
                if (timer.Kind != MomentTimer.Anchored || anchored.Every is not null || value is not DateTimeOffset moved
                    || anchored.Offset.Negative && moved <= now)
                {
                    continue;
                }

                if (Reset(timer, rule, anchored, moved) is not { } reset)
                {
                    continue;
                }

                if (reset.DueAt > now)
                {
                    next.Add(reset);
                    continue;
                }

                instanceKey = reset.InstanceKey;
            }

            // The rule's schedule was edited since the timer was set (an operator moved M16 from 30 to 45 days): a one-off is
            // judged by the rule as it stands, from the same anchor, so a time still ahead sets it again instead of firing on
            // the old offset. (A shorter offset is met only at the old, later time: pending timers are not rewritten by an edit.)
            else if (timer.Kind is MomentTimer.Schedule or MomentTimer.Anchored && timer.RuleVersion != rule.Version
                && rule.Schedule is { Every: null } edited && timer.AnchorAt is { } kept
                && Reset(timer, rule, edited, kept) is { } again && again.DueAt > now)
            {
                next.Add(again);
                continue;
            }

            if (RuleEvaluator.ClientConditionsHold(rule, fields[timer.ClientId]))
            {
                instances.Add(MomentFiring.Instance(rule, timer.ClientId, instanceKey, timer.TriggerEventId, timer.Channel, timer.ContentValues, now,
                    settings.PriorityWindow));
            }

            if (timer.Kind == MomentTimer.Schedule && rule.Schedule is { Every: not null } schedule && timer.AnchorAt is { } anchor
                && schedule.Next(anchor, timer.DueAt.AddTicks(1)) is { } at)
            {
                // The next occurrence is its own instance (its year), keyed without the anchor.
                next.Add(Following(timer, rule, MomentTimer.Schedule, at, anchor, startedAt: now, keyAnchor: null));
            }
        }

        await MomentWrites.ApplyAsync(db, new FiringPlan(instances, next, []), now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return due.Count >= options.Value.TimerBatchSize;
    }

    /// <summary>
    /// A one-off timer set again from <paramref name="anchor"/> (a lazy anchored one on its field's current value, or any
    /// one-off under an edited schedule): due when the schedule says from there, the instance of that episode, of the same
    /// kind. It keeps the trigger that started the wait (its channel and words: nothing newer is known here). None when
    /// that time lies past the calendar's end.
    /// </summary>
    private static MomentTimer? Reset(MomentTimer timer, Rule rule, RuleSchedule schedule, DateTimeOffset anchor) =>
        schedule.Next(anchor, anchor) is { } due ? Following(timer, rule, timer.Kind, due, anchor, timer.StartedAt, keyAnchor: anchor) : null;

    /// <summary>
    /// The timer that follows a claimed one of <paramref name="rule"/>: the same client, trigger, channel and words, due at
    /// <paramref name="due"/>; its instance keyed as a trigger would key it (<paramref name="keyAnchor"/>: a one-off's episode).
    /// </summary>
    private static MomentTimer Following(MomentTimer timer, Rule rule, string kind, DateTimeOffset due, DateTimeOffset anchor, DateTimeOffset startedAt,
        DateTimeOffset? keyAnchor) => new()
    {
        Kind = kind, RuleKey = rule.Key, RuleVersion = rule.Version, ClientId = timer.ClientId,
        InstanceKey = InstanceKeys.Of(rule.Key, timer.ClientId, InstanceKeys.BusinessKey(rule.Once, new Google.Protobuf.WellKnownTypes.Empty(),
            timer.TriggerEventId ?? Guid.Empty, due, keyAnchor)),
        StartedAt = startedAt, DueAt = due, AnchorAt = anchor, TriggerEventId = timer.TriggerEventId, Channel = timer.Channel, Priority = rule.Priority,
        ContentValues = timer.ContentValues,
    };

    private static async Task<List<MomentTimer>> ClaimAsync(EngagementDbContext db, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Claim, (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() }, new NpgsqlParameter<int> { TypedValue = batchSize } },
        };
        var timers = new List<MomentTimer>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            timers.Add(new MomentTimer
            {
                Id = reader.GetInt64(0), Kind = reader.GetString(1), RuleKey = reader.GetString(2), RuleVersion = reader.GetInt32(3),
                ClientId = reader.GetString(4), InstanceKey = reader.GetString(5), StartedAt = reader.GetFieldValue<DateTimeOffset>(6),
                DueAt = reader.GetFieldValue<DateTimeOffset>(7), AnchorAt = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                TriggerEventId = reader.IsDBNull(9) ? null : reader.GetGuid(9), Channel = reader.GetString(10), Priority = reader.GetInt32(11),
                ContentValues = reader.IsDBNull(12) ? null : reader.GetString(12),
            });
        }

        return timers;
    }
}
