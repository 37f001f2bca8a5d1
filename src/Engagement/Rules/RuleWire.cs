using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Wire = Platform.Engagement.Grpc;

namespace Platform.Engagement.Rules;

/// <summary>Between the checked <see cref="Rule"/>, its gRPC form and its stored JSON.</summary>
public static class RuleWire
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    /// <summary>The rule's stored definition: the API form without version and time (the row holds those).</summary>
    public static string Definition(Rule rule)
    {
        var wire = ToGrpc(rule);
        wire.Version = 0;
        wire.UpdatedAt = null;
        return Json.Format(wire);
    }

    /// <summary>A row as the API answers it.</summary>
    public static Wire.Rule FromStored(string definition, int version, DateTimeOffset at)
    {
        var wire = Wire.Rule.Parser.ParseJson(definition);
        wire.Version = version;
        wire.UpdatedAt = Timestamp.FromDateTimeOffset(at);
        return wire;
    }

    public static Wire.Rule ToGrpc(Rule rule) => new()
    {
        Key = rule.Key,
        Name = rule.Name,
        Stage = rule.Stage ?? string.Empty,
        Priority = rule.Priority,
        Enabled = rule.Enabled,
        Trigger = new Wire.RuleTrigger { Event = rule.Trigger.Event, AlsoOn = { rule.Trigger.AlsoOn } },
        Absence = rule.Absence is { } absence
            ? new Wire.RuleAbsence { Event = absence.Event, AlsoOn = { absence.AlsoOn }, Within = absence.Within.Text }
            : null,
        Schedule = rule.Schedule is { } schedule
            ? new Wire.RuleSchedule { At = schedule.At, Offset = schedule.Offset.IsZero ? string.Empty : schedule.Offset.Text, Every = schedule.Every?.Text ?? string.Empty }
            : null,
        Conditions = { rule.Conditions.Select(ToGrpc) },
        Once = WireEnums.Wire(rule.Once),
        Action = new Wire.RuleAction
        {
            Channel = rule.Action.Channel,
            Content = new Wire.RuleContent { Kind = rule.Action.Content.Kind, Tags = { rule.Action.Content.Tags } },
            Escalations = { rule.Action.Escalations.Select(e => new Wire.RuleEscalation { Channel = e.Channel, Conditions = { e.Conditions.Select(ToGrpc) } }) },
            WhenCapped = WireEnums.Wire(rule.Action.WhenCapped),
        },
        Version = rule.Version,
    };

    private static Wire.RuleCondition ToGrpc(RuleCondition condition) => new()
    {
        Field = condition.Field,
        Op = ConditionOps.Wire(condition.Op),
        Value = condition.Value is { } value ? ValueOf(value) : null,
        Values = { condition.Values.Select(ValueOf) },
    };

    private static Value ValueOf(object value) => value switch
    {
        string text => Value.ForString(text),
        decimal number => Value.ForNumber((double)number),
        bool flag => Value.ForBool(flag),
        _ => throw new ArgumentException($"A condition value is a string, a decimal or a bool, not {value.GetType().Name}.", nameof(value)),
    };
}
