using Platform.Engagement.Lifecycle;
using Platform.Engagement.Outreach.Reports;
using Platform.Engagement.Rules;
using Platform.Engagement.Settings;
using Platform.Messaging.Consuming;

namespace Platform.Engagement.Outreach.Firing;

/// <summary>
/// Fires the moments of a consumed batch in its transaction, judged on the state the batch left (the lifecycle handler
/// calls it after saving the states): <see cref="MomentFiring.Plan"/> then <see cref="MomentWrites.ApplyAsync"/>. An
/// erased client's events fire nothing. A trigger whose instance exists is not a new instance: it appears nowhere and is
/// counted in <c>engagement.moments.duplicates</c>.
/// </summary>
public sealed class OutreachFiring(EngagementDbContext db, RuleBook rules, SettingsReader settings, OutreachTelemetry telemetry)
{
    public async Task FireAsync(IReadOnlyList<ConsumedEvent> events, IReadOnlyDictionary<string, ClientState> states, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var book = await rules.GetAsync(cancellationToken);
        var current = (await settings.GetCurrentAsync(cancellationToken)).Settings;
        var live = events.Where(e => !states.TryGetValue(e.Context.Key, out var state) || !state.Erased).ToList();
        var fields = new Dictionary<string, IReadOnlyDictionary<string, object?>>(StringComparer.Ordinal);
        IReadOnlyDictionary<string, object?> FieldsOf(string clientId)
        {
            if (!fields.TryGetValue(clientId, out var known))
            {
                known = states.TryGetValue(clientId, out var state) ? ClientFacts.Of(state, now, current.IdleCashThreshold) : Empty;
                fields[clientId] = known;
            }

            return known;
        }

        // The goal events of the moments report's uplift (a deposit after M04, a login after M16, ...).
        await GoalEvents.RecordAsync(db, live.Select(e => RuleEvents.Of(e.Message) is { } named
            ? new GoalEvent { ClientId = e.Context.Key, EventName = named.Name, OccurredAt = e.Context.OccurredAt } : null).OfType<GoalEvent>(), cancellationToken);
        var plan = MomentFiring.Plan(live, book, FieldsOf, current.PriorityWindow, now);
        var created = await MomentWrites.ApplyAsync(db, plan, now, cancellationToken);
        telemetry.Fired(created, plan.Instances.Count - created);
    }

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();
}
