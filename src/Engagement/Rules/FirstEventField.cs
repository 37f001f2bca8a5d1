using Platform.Engagement.Facts;
using Platform.ServiceDefaults.Time;

namespace Platform.Engagement.Rules;

/// <summary>
/// <c>event.first</c>: whether a deposit is the client's first deposit, or a trade or purchase its first investment, as the
/// lifecycle state the batch left knows it (the event's time is the client's <c>firstDepositAt</c> / <c>firstInvestmentAt</c>,
/// both the earliest seen). No event carries it: "once per client" alone cannot tell a first deposit from the next deposit of
/// a client whose state already holds an earlier one, so M06 and M08 condition on this. It knows only what Engagement has
/// consumed or its state holds: a client whose history predates Engagement (a fresh deployment, events past Kafka's
/// retention) and whose state was not backfilled counts its first deposit Engagement sees as the first (README, "First
/// moments"). A flag, always present on these three events, so <c>event.first = false</c> means "a later one".
/// </summary>
public static class FirstEventField
{
    public const string Field = EventFields.Prefix + "first";

    private const string OccurredAt = EventFields.Prefix + "occurredAt";

    // The client milestone each event may be the first of.
    private static readonly Dictionary<string, string> Milestones = new(StringComparer.Ordinal)
    {
        ["activity.deposit"] = ClientFields.FirstDepositAt,
        ["activity.trade"] = ClientFields.FirstInvestmentAt,
        ["activity.product_purchase"] = ClientFields.FirstInvestmentAt,
    };

    /// <summary>The event's own fields plus <c>event.first</c> where the event has it (the rule validator's view).</summary>
    /// <exception cref="InvalidOperationException">The message itself has a field of that name (a proto change to settle first).</exception>
    public static IReadOnlyDictionary<string, FieldKind> AddTo(string eventName, IReadOnlyDictionary<string, FieldKind> kinds)
    {
        if (!Milestones.ContainsKey(eventName))
        {
            return kinds;
        }

        if (kinds.ContainsKey(Field))
        {
            throw new InvalidOperationException($"{eventName} carries a field {Field} of its own; the derived one would hide it.");
        }

        return new Dictionary<string, FieldKind>(kinds, StringComparer.Ordinal) { [Field] = FieldKind.Flag };
    }

    /// <summary>
    /// The event's values plus <c>event.first</c> where the event has it, judged on the client's fields (read only then). The
    /// event's time is the one the lifecycle fold keeps: its own <c>occurredAt</c>, else the envelope's, at the database's precision.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> AddTo(string eventName, IReadOnlyDictionary<string, object?> values, DateTimeOffset envelopeAt,
        Func<IReadOnlyDictionary<string, object?>> clientFields)
    {
        if (!Milestones.TryGetValue(eventName, out var milestone))
        {
            return values;
        }

        var at = StoredTime.Of(values.GetValueOrDefault(OccurredAt) as DateTimeOffset? ?? envelopeAt);
        var first = clientFields().GetValueOrDefault(milestone) is DateTimeOffset known && known == at;
        return new Dictionary<string, object?>(values, StringComparer.Ordinal) { [Field] = first };
    }
}
