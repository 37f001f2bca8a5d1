using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Wire = Platform.Engagement.Grpc;

namespace Platform.Gateway.Engagement;

/// <summary>
/// Between the gateway's JSON rule and Engagement's gRPC rule, and the shape checks only the JSON has (a null inside a
/// list, the route's key). Every value (events, fields, operators, types, channels, kinds, durations, ranges) is
/// Engagement's to check: it names each field it refuses, and a second copy of its rules here would drift.
/// </summary>
internal static class RuleMapping
{
    /// <summary>API.md's default priority: the middle of 0..100.</summary>
    public const int DefaultPriority = 50;

    public static Dictionary<string, string[]> Check(RuleRequest request, string? routeKey)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (routeKey is null && request.Key is null)
        {
            errors["key"] = ["is required (1 to 40 letters, digits, '-' or '_')"];
        }
        else if (routeKey is not null && request.Key is not null && !string.Equals(request.Key, routeKey, StringComparison.Ordinal))
        {
            errors["key"] = ["differs from the route's; key cannot change"];
        }

        if (routeKey is not null && request.Version is < 1)
        {
            errors["version"] = ["must be the version read (1 or more), or absent to replace whatever is current"];
        }

        NoNulls(errors, "trigger.alsoOn", request.Trigger?.AlsoOn);
        NoNulls(errors, "absence.alsoOn", request.Absence?.AlsoOn);
        NoNulls(errors, "conditions", request.Conditions);
        NoNulls(errors, "action.content.tags", request.Action?.Content?.Tags);
        NoNulls(errors, "action.escalations", request.Action?.Escalations);
        for (var i = 0; request.Action?.Escalations is { } escalations && i < escalations.Count; i++)
        {
            NoNulls(errors, $"action.escalations[{i}].conditions", escalations[i]?.Conditions);
        }

        return errors;
    }

    /// <summary>Call after <see cref="Check"/> found nothing.</summary>
    public static Wire.Rule ToGrpc(RuleRequest request, string key) => new()
    {
        Key = key,
        Name = request.Name ?? string.Empty,
        Stage = request.Stage ?? string.Empty,
        Priority = request.Priority ?? DefaultPriority,
        Enabled = request.Enabled ?? true,
        Trigger = request.Trigger is { } trigger ? new Wire.RuleTrigger { Event = trigger.Event ?? string.Empty, AlsoOn = { Strings(trigger.AlsoOn) } } : null,
        Absence = request.Absence is { } absence
            ? new Wire.RuleAbsence { Event = absence.Event ?? string.Empty, AlsoOn = { Strings(absence.AlsoOn) }, Within = absence.Within ?? string.Empty }
            : null,
        Schedule = request.Schedule is { } schedule
            ? new Wire.RuleSchedule { At = schedule.At ?? string.Empty, Offset = schedule.Offset ?? string.Empty, Every = schedule.Every ?? string.Empty }
            : null,
        Conditions = { Conditions(request.Conditions) },
        Once = request.Once ?? string.Empty,
        Action = request.Action is { } action ? new Wire.RuleAction
        {
            Channel = action.Channel ?? string.Empty,
            Content = action.Content is { } content ? new Wire.RuleContent { Kind = content.Kind ?? string.Empty, Tags = { Strings(content.Tags) } } : null,
            Escalations = { (action.Escalations ?? []).Select(e => new Wire.RuleEscalation { Channel = e!.Channel ?? string.Empty, Conditions = { Conditions(e.Conditions) } }) },
            WhenCapped = action.WhenCapped ?? string.Empty,
        } : null,
    };

    public static RuleResponse FromGrpc(Wire.Rule rule) => new(
        rule.Key,
        rule.Name,
        NullIfEmpty(rule.Stage),
        rule.Priority,
        rule.Enabled,
        new RuleTriggerBody { Event = rule.Trigger?.Event, AlsoOn = [.. rule.Trigger?.AlsoOn ?? []] },
        rule.Absence is { } absence ? new RuleAbsenceBody { Event = absence.Event, AlsoOn = [.. absence.AlsoOn], Within = absence.Within } : null,
        rule.Schedule is { } schedule ? new RuleScheduleBody { At = schedule.At, Offset = NullIfEmpty(schedule.Offset), Every = NullIfEmpty(schedule.Every) } : null,
        [.. rule.Conditions.Select(FromGrpc)],
        rule.Once,
        new RuleActionBody
        {
            Channel = rule.Action?.Channel,
            Content = new RuleContentBody { Kind = rule.Action?.Content?.Kind, Tags = [.. rule.Action?.Content?.Tags ?? []] },
            Escalations = [.. (rule.Action?.Escalations ?? []).Select(e => new RuleEscalationBody { Channel = e.Channel, Conditions = [.. e.Conditions.Select(FromGrpc)] })],
            WhenCapped = NullIfEmpty(rule.Action?.WhenCapped) ?? "suppress",
        },
        rule.Version);

    private static RuleConditionBody FromGrpc(Wire.RuleCondition condition) => new()
    {
        Field = condition.Field,
        Op = condition.Op,
        Value = condition.Value is { } value ? Json(value) : null,
        Values = condition.Values.Count > 0 || condition.Op is "in" or "not_in" ? [.. condition.Values.Select(Json)] : null,
    };

    private static IEnumerable<Wire.RuleCondition> Conditions(IReadOnlyList<RuleConditionBody?>? conditions) =>
        (conditions ?? []).Select(c => new Wire.RuleCondition
        {
            Field = c!.Field ?? string.Empty,
            Op = c.Op ?? string.Empty,
            Value = c.Value is { } value ? ValueOf(value) : null,
            Values = { (c.Values ?? []).Select(ValueOf) },
        });

    /// <summary>
    /// A JSON value as protobuf's: its type is kept so Engagement can say "must be a number". A list or an object has no use
    /// in a condition and goes as an empty one (Engagement refuses it by type); a number beyond a double goes as infinity (refused too).
    /// </summary>
    private static Value ValueOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Value.ForString(element.GetString()!),
        JsonValueKind.Number => Value.ForNumber(element.TryGetDouble(out var number) ? number : double.PositiveInfinity),
        JsonValueKind.True => Value.ForBool(true),
        JsonValueKind.False => Value.ForBool(false),
        JsonValueKind.Array => new Value { ListValue = new ListValue() },
        JsonValueKind.Object => new Value { StructValue = new Struct() },
        _ => Value.ForNull(),
    };

    private static JsonElement Json(Value value)
    {
        using var document = JsonDocument.Parse(JsonFormatter.Default.Format(value));
        return document.RootElement.Clone();
    }

    private static IEnumerable<string> Strings(IReadOnlyList<string?>? values) => (values ?? []).Select(v => v!);

    private static void NoNulls<T>(Dictionary<string, string[]> errors, string field, IReadOnlyList<T?>? values)
    {
        for (var i = 0; values is not null && i < values.Count; i++)
        {
            if (values[i] is null)
            {
                errors[$"{field}[{i}]"] = ["must not be null"];
            }
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
