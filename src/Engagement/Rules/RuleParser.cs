using Platform.Engagement.Facts;
using Platform.ServiceDefaults.Validation;
using Wire = Platform.Engagement.Grpc;

namespace Platform.Engagement.Rules;

/// <summary>
/// A rule as an operator sent it, checked: every refused field is named at once by its path in API.md's JSON
/// (<c>trigger.event</c>, <c>conditions[1].op</c>, <c>action.content.kind</c>), nothing is half-accepted.
/// </summary>
public static class RuleParser
{
    private static readonly RuleDuration MaxWithin = new("P1Y", false, 1, 0, 0, TimeSpan.Zero);

    public static (Rule? Rule, Dictionary<string, string[]> Errors) Parse(Wire.Rule wire)
    {
        var errors = new RuleErrors();
        if (!RuleVocabulary.IsKey(wire.Key))
        {
            errors.Add("key", RuleVocabulary.KeyRule);
        }

        if (StorableText.Check(wire.Name, RuleVocabulary.MaxNameLength, required: true) is { } nameProblem)
        {
            errors.Add("name", nameProblem);
        }

        var stage = wire.Stage.Length == 0 ? null : wire.Stage;
        if (stage is not null && !RuleVocabulary.Stages.Contains(stage))
        {
            errors.Add("stage", $"must be one of {string.Join(", ", RuleVocabulary.Stages)}, or null");
        }

        if (wire.Priority is < 0 or > RuleVocabulary.MaxPriority)
        {
            errors.Add("priority", $"must be between 0 and {RuleVocabulary.MaxPriority} (higher first)");
        }

        var (trigger, triggerEvents) = ParseTrigger(wire.Trigger, errors.At("trigger"));
        var fields = new RuleFields(triggerEvents, trigger is not null);
        var absence = wire.Absence is null ? null : ParseAbsence(wire.Absence, errors.At("absence"));
        var schedule = wire.Schedule is null ? null : ParseSchedule(wire.Schedule, fields, errors.At("schedule"));
        if (absence is not null && schedule is not null)
        {
            errors.Add("schedule", "cannot be combined with absence: a rule waits for an absence or for a time, not both");
        }

        var conditions = ConditionParser.ParseAll(wire.Conditions, fields, errors.At("conditions"));
        if (!WireEnums.TryParse<OnceScope>(wire.Once, out var once))
        {
            errors.Add("once", "must be one of client, episode, event, day, year");
        }

        var action = wire.Action is null ? Required(errors, "action") : ParseAction(wire.Action, fields, errors.At("action"));
        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary());
        }

        return (new Rule(wire.Key, wire.Name, stage, wire.Priority, wire.Enabled, trigger!, absence, schedule, conditions, once, action!, wire.Version), []);
    }

    private static (RuleTrigger? Trigger, IReadOnlyList<RuleEvent> Events) ParseTrigger(Wire.RuleTrigger? wire, RuleErrors errors)
    {
        if (wire is null)
        {
            return (Required<RuleTrigger>(errors, string.Empty), []);
        }

        var before = errors.Count;
        var events = Events(wire.Event, wire.AlsoOn, errors);
        return (errors.Count == before ? new RuleTrigger(wire.Event, [.. wire.AlsoOn]) : null, events);
    }

    private static RuleAbsence? ParseAbsence(Wire.RuleAbsence wire, RuleErrors errors)
    {
        var before = errors.Count;
        Events(wire.Event, wire.AlsoOn, errors);
        if (!RuleDuration.TryParse(wire.Within, out var within) || within.Negative || within.IsZero || within.Approximate > MaxWithin.Approximate)
        {
            errors.Add("within", $"{RuleDuration.Hint}, above zero and at most P1Y");
        }

        return errors.Count == before ? new RuleAbsence(wire.Event, [.. wire.AlsoOn], within) : null;
    }

    private static RuleSchedule? ParseSchedule(Wire.RuleSchedule wire, RuleFields fields, RuleErrors errors)
    {
        var before = errors.Count;
        var kind = fields.Resolve(wire.At, out var problem);
        if (problem is not null || (kind is { } known && known != FieldKind.Time))
        {
            errors.Add("at", $"must be a time field: event.<time field of the trigger> or client.<time field> ({string.Join(", ", ClientFields.All.Where(f => f.Value == FieldKind.Time).Select(f => f.Key))})");
        }

        var offset = RuleDuration.Zero;
        if (wire.Offset.Length > 0 && (!RuleDuration.TryParse(wire.Offset, out offset) || offset.Approximate.Duration() > TimeSpan.FromDays(3660)))
        {
            errors.Add("offset", $"{RuleDuration.Hint}, may start with '-', at most 10 years either way");
        }

        RuleDuration? every = null;
        if (wire.Every.Length > 0 && (!RuleDuration.TryParse(wire.Every, out var parsed) || parsed.Negative || parsed.Approximate < TimeSpan.FromDays(1)
            || parsed.Approximate > TimeSpan.FromDays(3660)))
        {
            errors.Add("every", $"{RuleDuration.Hint}, from P1D to P10Y, or empty for a single time");
        }
        else if (wire.Every.Length > 0)
        {
            RuleDuration.TryParse(wire.Every, out var repeat);
            every = repeat;
        }

        return errors.Count == before ? new RuleSchedule(wire.At, offset, every) : null;
    }

    private static RuleAction? ParseAction(Wire.RuleAction wire, RuleFields fields, RuleErrors errors)
    {
        var before = errors.Count;
        CheckChannel(wire.Channel, errors, "channel");
        RuleContent? content = null;
        if (wire.Content is null)
        {
            errors.Add("content", "is required: {kind, tags}");
        }
        else
        {
            if (!RuleVocabulary.ContentKinds.Contains(wire.Content.Kind))
            {
                errors.Add("content.kind", $"must be one of {string.Join(", ", RuleVocabulary.ContentKinds)}");
            }

            CheckList(wire.Content.Tags, errors.At("content.tags"),
                tag => RuleVocabulary.IsLabel(tag) ? null : $"'{ConditionParser.Printable(tag)}' is not a label (lower-case letters, digits and - _ . +)");
            content = new RuleContent(wire.Content.Kind, [.. wire.Content.Tags.Distinct(StringComparer.Ordinal)]);
        }

        var escalations = new List<RuleEscalation>();
        for (var i = 0; i < wire.Escalations.Count && wire.Escalations.Count <= RuleVocabulary.MaxListLength; i++)
        {
            var escalation = errors.At($"escalations[{i}]");
            CheckChannel(wire.Escalations[i].Channel, escalation, "channel");
            if (wire.Escalations[i].Conditions.Count == 0)
            {
                escalation.Add("conditions", "must hold at least one condition (an unconditional escalation is the action's channel)");
            }

            var conditions = ConditionParser.ParseAll(wire.Escalations[i].Conditions, fields, escalation.At("conditions"));
            escalations.Add(new RuleEscalation(conditions, wire.Escalations[i].Channel));
        }

        if (wire.Escalations.Count > RuleVocabulary.MaxListLength)
        {
            errors.Add("escalations", $"holds at most {RuleVocabulary.MaxListLength} escalations");
        }

        var whenCapped = CappedAction.Suppress;
        if (wire.WhenCapped.Length > 0 && !WireEnums.TryParse(wire.WhenCapped, out whenCapped))
        {
            errors.Add("whenCapped", "must be suppress or inbox (empty: suppress)");
        }

        return errors.Count == before ? new RuleAction(wire.Channel, content!, escalations, whenCapped) : null;
    }

    /// <summary>The event and its <c>alsoOn</c>s, each checked; the known ones come back for the fields conditions may name.</summary>
    private static List<RuleEvent> Events(string name, IReadOnlyList<string> alsoOn, RuleErrors errors)
    {
        var known = new List<RuleEvent>();
        if (RuleEvents.TryGet(name, out var first))
        {
            known.Add(first);
        }
        else
        {
            errors.Add("event", name.Length == 0 ? $"is required: one of {RuleEvents.List}" : $"'{ConditionParser.Printable(name)}' is not an event: one of {RuleEvents.List}");
        }

        CheckList(alsoOn, errors.At("alsoOn"), other =>
        {
            if (!RuleEvents.TryGet(other, out var ruleEvent))
            {
                return $"'{ConditionParser.Printable(other)}' is not an event: one of {RuleEvents.List}";
            }

            if (known.Contains(ruleEvent))
            {
                return $"names {other} twice";
            }

            known.Add(ruleEvent);
            return null;
        });
        return known;
    }

    private static void CheckChannel(string channel, RuleErrors errors, string field)
    {
        if (!RuleVocabulary.Channels.Contains(channel))
        {
            errors.Add(field, $"must be one of {string.Join(", ", RuleVocabulary.Channels)}");
        }
    }

    private static void CheckList(IReadOnlyList<string> values, RuleErrors errors, Func<string, string?> check)
    {
        if (values.Count > RuleVocabulary.MaxListLength)
        {
            errors.Add(string.Empty, $"holds at most {RuleVocabulary.MaxListLength} values");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (check(values[i]) is { } problem)
            {
                errors.Add($"[{i}]", problem);
            }
        }
    }

    private static T? Required<T>(RuleErrors errors, string field)
        where T : class
    {
        errors.Add(field, "is required");
        return null;
    }

    private static RuleAction? Required(RuleErrors errors, string field) => Required<RuleAction>(errors, field);
}
