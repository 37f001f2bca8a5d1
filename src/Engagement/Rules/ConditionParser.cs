using Google.Protobuf.WellKnownTypes;
using Platform.Engagement.Facts;
using Platform.ServiceDefaults.Validation;
using WireCondition = Platform.Engagement.Grpc.RuleCondition;

namespace Platform.Engagement.Rules;

/// <summary>Checks one condition against the fields the rule may name: the field, its operator, and a value of the field's type.</summary>
internal static class ConditionParser
{
    public static IReadOnlyList<RuleCondition> ParseAll(IReadOnlyList<WireCondition> wire, RuleFields fields, RuleErrors errors)
    {
        if (wire.Count > RuleVocabulary.MaxListLength)
        {
            errors.Add(string.Empty, $"holds at most {RuleVocabulary.MaxListLength} conditions");
            return [];
        }

        var conditions = new List<RuleCondition>();
        for (var i = 0; i < wire.Count; i++)
        {
            if (Parse(wire[i], fields, errors.At($"[{i}]")) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        return conditions;
    }

    private static RuleCondition? Parse(WireCondition wire, RuleFields fields, RuleErrors errors)
    {
        var before = errors.Count;
        var kind = fields.Resolve(wire.Field, out var fieldProblem);
        if (fieldProblem is not null)
        {
            errors.Add("field", wire.Field.Length == 0 ? "is required (event.<field> or client.<field>)" : $"'{Printable(wire.Field)}' {fieldProblem}");
        }

        if (!ConditionOps.TryParse(wire.Op, out var op))
        {
            errors.Add("op", $"must be one of {ConditionOps.List}");
            return null;
        }

        if (kind is { } known && !ConditionOps.For(known).Contains(op))
        {
            errors.Add("op", $"'{wire.Op}' does not apply to {wire.Field} ({known.ToString().ToLowerInvariant()}): use {string.Join(", ", ConditionOps.For(known).Select(ConditionOps.Wire))}");
            return null;
        }

        object? value = null;
        var values = new List<object>();
        if (ConditionOps.TakesValues(op))
        {
            if (wire.Value is not null)
            {
                errors.Add("value", $"must be absent for {wire.Op}: use values");
            }

            if (wire.Values.Count is 0 or > RuleVocabulary.MaxListLength)
            {
                errors.Add("values", $"must hold 1 to {RuleVocabulary.MaxListLength} values for {wire.Op}");
            }

            for (var i = 0; i < wire.Values.Count && kind is not null; i++)
            {
                if (Typed(wire.Values[i], kind.Value, wire.Field, errors, $"values[{i}]") is { } typed)
                {
                    values.Add(typed);
                }
            }
        }
        else
        {
            if (wire.Values.Count > 0)
            {
                errors.Add("values", "is only for in and not_in: use value");
            }

            if (wire.Value is null)
            {
                errors.Add("value", op == ConditionOp.Exists ? "is required: true or false" : "is required");
            }
            else if (op == ConditionOp.Exists)
            {
                value = Typed(wire.Value, FieldKind.Flag, wire.Field, errors, "value");
            }
            else if (kind is not null)
            {
                value = Typed(wire.Value, kind.Value, wire.Field, errors, "value");
            }
        }

        return errors.Count == before ? new RuleCondition(wire.Field, op, value, values) : null;
    }

    /// <summary>The value as the field's type (string, decimal, bool), or null with its error.</summary>
    private static object? Typed(Value value, FieldKind kind, string field, RuleErrors errors, string at)
    {
        switch (kind)
        {
            case FieldKind.Text when value.KindCase == Value.KindOneofCase.StringValue:
                if (StorableText.Check(value.StringValue, RuleVocabulary.MaxTextValueLength, required: true) is { } problem)
                {
                    errors.Add(at, problem);
                    return null;
                }

                if (RuleVocabulary.KnownTexts.TryGetValue(field, out var known) && !known.Contains(value.StringValue))
                {
                    errors.Add(at, $"'{Printable(value.StringValue)}' is not one of {string.Join(", ", known)}");
                    return null;
                }

                return value.StringValue;
            case FieldKind.Number when value.KindCase == Value.KindOneofCase.NumberValue:
                // Within decimal's range, so that comparing with an exact amount never overflows.
                if (!double.IsFinite(value.NumberValue) || Math.Abs(value.NumberValue) > 1e27)
                {
                    errors.Add(at, "must be a finite number below 1e27");
                    return null;
                }

                return (decimal)value.NumberValue;
            case FieldKind.Flag when value.KindCase == Value.KindOneofCase.BoolValue:
                return value.BoolValue;
            default:
                errors.Add(at, kind switch
                {
                    FieldKind.Text => "must be a string",
                    FieldKind.Number => "must be a number",
                    FieldKind.Flag => "must be true or false",
                    _ => "has no value to compare: use exists",
                });
                return null;
        }
    }

    /// <summary>A refused name is echoed back bounded and free of control characters.</summary>
    internal static string Printable(string value) => new([.. value.Take(RuleVocabulary.MaxTextValueLength).Select(c => char.IsControl(c) ? '?' : c)]);
}
