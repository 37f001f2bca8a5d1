using Platform.Engagement.Facts;

namespace Platform.Engagement.Rules;

/// <summary>
/// The fields a rule's conditions and schedule may name: the client's (<see cref="ClientFields"/>) and the trigger's,
/// where an event field must be one of every trigger event (the trigger's and each <c>alsoOn</c>'s), since the rule may
/// fire on any of them.
/// </summary>
internal sealed class RuleFields(IReadOnlyList<RuleEvent> triggerEvents, bool triggerKnown)
{
    /// <summary>The field's kind; null with a problem when it is not a field, null without one when the trigger is unknown (its own error says so).</summary>
    public FieldKind? Resolve(string field, out string? problem)
    {
        problem = null;
        if (field.StartsWith("client.", StringComparison.Ordinal))
        {
            if (ClientFields.All.TryGetValue(field, out var kind))
            {
                return kind;
            }

            problem = $"is not a client field ({string.Join(", ", ClientFields.All.Keys)})";
            return null;
        }

        if (!field.StartsWith(EventFields.Prefix, StringComparison.Ordinal))
        {
            problem = "must be event.<field of the trigger event> or client.<field>";
            return null;
        }

        if (!triggerKnown)
        {
            return null;
        }

        FieldKind? found = null;
        foreach (var ruleEvent in triggerEvents)
        {
            if (!ruleEvent.Fields.TryGetValue(field, out var kind) || (found is { } other && other != kind))
            {
                problem = $"is not a field of {ruleEvent.Name} ({string.Join(", ", ruleEvent.Fields.Keys)})";
                return null;
            }

            found = kind;
        }

        return found;
    }
}
