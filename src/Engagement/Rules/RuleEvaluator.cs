using System.Globalization;

namespace Platform.Engagement.Rules;

/// <summary>
/// Whether a rule's conditions hold, without I/O: the trigger's fields come from <see cref="EventFields.Of"/>, the
/// client's from the lifecycle state (keyed <c>client.…</c>, values a string, a number of any .NET numeric type, a
/// <see cref="DateTimeOffset"/> or a bool). A field that is absent (or null) makes every condition on it false except
/// <c>exists false</c>, so a client without a login never matches <c>client.daysSinceLogin &gt;= 30</c> by accident.
/// </summary>
/// <remarks>
/// Event conditions are judged on the trigger and client conditions when the rule fires (after an absence's period
/// or at a schedule's time too), hence the two halves; <see cref="Holds(Rule, IReadOnlyDictionary{string, object?}, IReadOnlyDictionary{string, object?})"/> is both at once.
/// </remarks>
public static class RuleEvaluator
{
    /// <summary>Every condition on the trigger event holds.</summary>
    public static bool EventConditionsHold(Rule rule, IReadOnlyDictionary<string, object?> eventFields) =>
        rule.Conditions.Where(c => c.OnEvent).All(c => Holds(c, eventFields));

    /// <summary>Every condition on the client holds.</summary>
    public static bool ClientConditionsHold(Rule rule, IReadOnlyDictionary<string, object?> clientFields) =>
        rule.Conditions.Where(c => !c.OnEvent).All(c => Holds(c, clientFields));

    /// <summary>
    /// Client fields the state never forgets once it knows them (milestones, latest times: <see cref="Lifecycle.ClientStateFolding"/>
    /// only ever moves them, and only an erasure clears them, after which nothing fires).
    /// </summary>
    private static readonly HashSet<string> KeptOnceKnown =
    [
        Facts.ClientFields.RegisteredAt, Facts.ClientFields.ApprovedAt, Facts.ClientFields.FirstDepositAt, Facts.ClientFields.FirstInvestmentAt,
        Facts.ClientFields.LastInvestmentAt, Facts.ClientFields.LastLoginAt,
    ];

    /// <summary>
    /// Whether the client conditions can no longer come to hold, whatever happens later: <c>exists false</c> on a field the
    /// client already has, of those kept once known (M07's "no investment yet" for a client who has invested). A wait or a
    /// schedule whose client conditions are judged when it falls due would fire nothing: it need not start (every deposit of
    /// every investing client started an M07 wait that could only come to nothing).
    /// </summary>
    public static bool ClientConditionsCanNeverHold(Rule rule, IReadOnlyDictionary<string, object?> clientFields) =>
        rule.Conditions.Any(c => !c.OnEvent && c.Op == ConditionOp.Exists && c.Value is false && KeptOnceKnown.Contains(c.Field)
            && clientFields.GetValueOrDefault(c.Field) is not null);

    public static bool Holds(Rule rule, IReadOnlyDictionary<string, object?> eventFields, IReadOnlyDictionary<string, object?> clientFields) =>
        rule.Conditions.All(c => Holds(c, c.OnEvent ? eventFields : clientFields));

    /// <summary>The channel of the first escalation whose conditions all hold, else the action's.</summary>
    public static string Channel(Rule rule, IReadOnlyDictionary<string, object?> eventFields, IReadOnlyDictionary<string, object?> clientFields) =>
        rule.Action.Escalations.FirstOrDefault(e => e.Conditions.All(c => Holds(c, c.OnEvent ? eventFields : clientFields)))?.Channel
        ?? rule.Action.Channel;

    /// <summary>One condition over the fields of its side (the event's or the client's).</summary>
    public static bool Holds(RuleCondition condition, IReadOnlyDictionary<string, object?> fields)
    {
        var actual = fields.GetValueOrDefault(condition.Field);
        if (condition.Op == ConditionOp.Exists)
        {
            return (actual is not null) == (bool)condition.Value!;
        }

        if (actual is null)
        {
            return false;
        }

        return condition.Op switch
        {
            ConditionOp.Equal => Same(actual, condition.Value!),
            ConditionOp.NotEqual => !Same(actual, condition.Value!),
            ConditionOp.In => condition.Values.Any(v => Same(actual, v)),
            ConditionOp.NotIn => !condition.Values.Any(v => Same(actual, v)),
            _ => Number(actual) is { } number && Compare(condition.Op, number, (decimal)condition.Value!),
        };
    }

    private static bool Compare(ConditionOp op, decimal actual, decimal expected) => op switch
    {
        ConditionOp.Greater => actual > expected,
        ConditionOp.GreaterOrEqual => actual >= expected,
        ConditionOp.Less => actual < expected,
        ConditionOp.LessOrEqual => actual <= expected,
        _ => false,
    };

    private static bool Same(object actual, object expected) => expected switch
    {
        decimal number => Number(actual) == number,
        string text => actual is string value && string.Equals(value, text, StringComparison.Ordinal),
        bool flag => actual is bool value && value == flag,
        _ => false,
    };

    /// <summary>Any numeric value as a decimal; null for a non-number or one outside decimal's range.</summary>
    private static decimal? Number(object value) => value switch
    {
        decimal d => d,
        int or long or short or byte or uint or ulong or ushort or sbyte => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double d when double.IsFinite(d) && Math.Abs(d) < 7.9e28 => (decimal)d,
        float f when float.IsFinite(f) && Math.Abs(f) < 7.9e28f => (decimal)f,
        _ => null,
    };
}
