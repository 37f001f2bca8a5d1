using System.Globalization;
using System.Text.Json;
using Platform.Engagement.Outreach.Decisions;
using Platform.Engagement.Rules;
using Platform.Messaging.Consuming;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Outreach.Firing;

/// <summary>
/// Which rules a batch of consumed events fires, as a plan the caller writes in the batch's transaction: per event (in
/// the order consumed), the absence waits it ends, then each enabled rule it triggers whose event conditions hold: an
/// absence rule starts a wait, a scheduled rule a timer, any other fires an instance at once if its client conditions
/// hold on the client's state after the batch. An instance is created pending, decided after the priority window.
/// Events other services publish that no rule names change nothing here.
/// </summary>
public static class MomentFiring
{
    // The event fields an outreach's {{amount}} comes from, first present wins: a deposit's or trade's, idle cash, the distance to a tier.
    private static readonly string[] AmountFields = ["event.amount", "event.cash", "event.amountToNextTier", "event.totalAssets"];

    public static FiringPlan Plan(IReadOnlyList<ConsumedEvent> events, RuleBookSnapshot rules,
        Func<string, IReadOnlyDictionary<string, object?>> clientFields, TimeSpan priorityWindow, DateTimeOffset now)
    {
        var (instances, timers, endings) = (new List<OutreachInstance>(), new List<MomentTimer>(), new List<AbsenceEnding>());
        var anchored = new HashSet<(string RuleKey, string ClientId)>();
        // The waits this batch starts, at most one per rule and client, by both: each ending and each absence trigger looks its
        // own up (scanning the batch's timers for each was quadratic in the batch, M16's schedule on every login among them).
        var waits = new Dictionary<(string RuleKey, string ClientId), MomentTimer>();
        foreach (var (message, context) in events)
        {
            if (RuleEvents.Of(message) is not { } ruleEvent)
            {
                continue;
            }

            var (clientId, at) = (context.Key, context.OccurredAt);
            foreach (var rule in rules.AbsenceEndedBy(ruleEvent.Name))
            {
                endings.Add(new AbsenceEnding(rule.Key, clientId, at));
                // A wait this batch started before the ending event is ended too.
                if (waits.TryGetValue((rule.Key, clientId), out var started) && started.StartedAt < at)
                {
                    waits.Remove((rule.Key, clientId));
                }
            }

            var triggered = rules.TriggeredBy(ruleEvent.Name).ToList();
            if (triggered.Count == 0)
            {
                continue; // no rule starts from it: its fields are not read
            }

            // event.first is judged on the state the batch left: the earliest deposit or investment is the first.
            var eventFields = FirstEventField.AddTo(ruleEvent.Name, EventFields.Of(message), at, () => clientFields(clientId));
            foreach (var rule in triggered.Where(r => RuleEvaluator.EventConditionsHold(r, eventFields)))
            {
                var client = clientFields(clientId);
                if ((rule.Absence is not null || rule.Schedule is not null) && RuleEvaluator.ClientConditionsCanNeverHold(rule, client))
                {
                    continue; // it would fire nothing when due (judged then on the client, whose known milestones stay known)
                }

                var (channel, values) = (RuleEvaluator.Channel(rule, eventFields, client), ValuesOf(eventFields, at));
                if (rule.Absence is { } absence)
                {
                    if (!waits.ContainsKey((rule.Key, clientId)))
                    {
                        waits.Add((rule.Key, clientId), Timer(MomentTimer.Absence, rule, clientId, InstanceKeys.Of(rule, clientId, message, context.EventId, at), at,
                            absence.Within.AddTo(at), null, context.EventId, channel, values));
                    }
                }
                else if (rule.Schedule is { } schedule)
                {
                    var onClient = !schedule.At.StartsWith(EventFields.Prefix, StringComparison.Ordinal);
                    // A time ahead of the anchor (a maturity's -P3D) is pointless once the anchor itself has passed.
                    // A time past the calendar's end (a maturity in year 9999 plus an offset) never comes: no timer.
                    if ((onClient ? client : eventFields).GetValueOrDefault(schedule.At) is DateTimeOffset from && !(schedule.Offset.Negative && from <= now)
                        && schedule.Next(from, now) is { } due)
                    {
                        // A one-off schedule's anchor is its episode (the start of an idle-cash run, of a disengagement).
                        var key = InstanceKeys.Of(rule, clientId, message, context.EventId, due, schedule.Every is null ? from : null);
                        // One anchored timer per rule and client: the client's fields are the batch's, so its other triggers name the same anchor.
                        var kind = onClient && schedule.Every is null ? MomentTimer.Anchored : MomentTimer.Schedule;
                        if (kind == MomentTimer.Schedule || anchored.Add((rule.Key, clientId)))
                        {
                            timers.Add(Timer(kind, rule, clientId, key, at, due, from, context.EventId, channel, values));
                        }
                    }
                }
                else if (RuleEvaluator.ClientConditionsHold(rule, client))
                {
                    instances.Add(Instance(rule, clientId, InstanceKeys.Of(rule, clientId, message, context.EventId, at), context.EventId, channel, values,
                        now, priorityWindow));
                }
            }
        }

        return new FiringPlan(instances, [.. waits.Values, .. timers], endings);
    }

    /// <summary>A new pending instance of <paramref name="rule"/>, due for its decision at the end of the priority window.</summary>
    public static OutreachInstance Instance(Rule rule, string clientId, string instanceKey, Guid? triggerEventId, string channel, string? values,
        DateTimeOffset now, TimeSpan priorityWindow) => new()
    {
        InstanceKey = instanceKey, ClientId = clientId, Moment = rule.Key, RuleVersion = rule.Version, Priority = rule.Priority,
        TriggerEventId = triggerEventId, FiredAt = now, Channel = channel, ContentValues = values, Decision = OutreachDecisions.Pending,
        DecideAfter = now + priorityWindow,
    };

    /// <summary>What Content may render: the amount and date the event is about, and the product it names.</summary>
    public static string? ValuesOf(IReadOnlyDictionary<string, object?> eventFields, DateTimeOffset at)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (AmountFields.Select(field => eventFields.GetValueOrDefault(field)).FirstOrDefault(v => v is decimal) is decimal amount)
        {
            values[ContentValues.Amount] = amount.ToString("0.##", CultureInfo.InvariantCulture);
        }

        values[ContentValues.Date] = eventFields.GetValueOrDefault("event.date") as string
            ?? ShanghaiTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (eventFields.GetValueOrDefault("event.productId") is string productId)
        {
            values[ContentValues.ProductItemId] = productId;
        }

        return JsonSerializer.Serialize(values);
    }

    private static MomentTimer Timer(string kind, Rule rule, string clientId, string instanceKey, DateTimeOffset startedAt, DateTimeOffset dueAt,
        DateTimeOffset? anchorAt, Guid eventId, string channel, string? values) => new()
    {
        Kind = kind, RuleKey = rule.Key, RuleVersion = rule.Version, ClientId = clientId, InstanceKey = instanceKey, StartedAt = startedAt, DueAt = dueAt,
        AnchorAt = anchorAt, TriggerEventId = eventId, Channel = channel, Priority = rule.Priority, ContentValues = values,
    };
}
