namespace Platform.Engagement.Rules;

/// <summary>
/// One condition: <see cref="Field"/> (<c>event.…</c> or <c>client.…</c>), its operator and either <see cref="Value"/>
/// or, for <c>in</c> and <c>not_in</c>, <see cref="Values"/>. Values are typed by the field's kind when parsed: a
/// <see cref="string"/> (text), a <see cref="decimal"/> (number) or a <see cref="bool"/> (flag, and every <c>exists</c>).
/// </summary>
public sealed record RuleCondition(string Field, ConditionOp Op, object? Value, IReadOnlyList<object> Values)
{
    public bool OnEvent => Field.StartsWith(EventFields.Prefix, StringComparison.Ordinal);
}
