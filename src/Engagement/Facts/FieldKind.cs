namespace Platform.Engagement.Facts;

/// <summary>What a rule condition's field holds, so its operator and value can be checked when the rule is saved.</summary>
public enum FieldKind
{
    /// <summary>A word (a stage, a tier, a step name): <c>=</c>, <c>!=</c>, <c>in</c>, <c>not_in</c>, <c>exists</c>.</summary>
    Text,

    /// <summary>A decimal (CNY, percent) or a count of days: every comparison, <c>in</c>, <c>exists</c>.</summary>
    Number,

    /// <summary>A point in time: <c>exists</c> only (age conditions use the days fields).</summary>
    Time,

    /// <summary>True or false: <c>=</c>, <c>!=</c>, <c>exists</c>.</summary>
    Flag,
}
