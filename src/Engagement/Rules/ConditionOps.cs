using Platform.Engagement.Facts;

namespace Platform.Engagement.Rules;

/// <summary>Operators on the wire, and which ones each kind of field takes (<see cref="FieldKind"/>).</summary>
public static class ConditionOps
{
    private static readonly (ConditionOp Op, string Wire)[] Spellings =
    [
        (ConditionOp.Equal, "="), (ConditionOp.NotEqual, "!="), (ConditionOp.Greater, ">"), (ConditionOp.GreaterOrEqual, ">="),
        (ConditionOp.Less, "<"), (ConditionOp.LessOrEqual, "<="), (ConditionOp.In, "in"), (ConditionOp.NotIn, "not_in"),
        (ConditionOp.Exists, "exists"),
    ];

    public static string List { get; } = string.Join(", ", Spellings.Select(s => s.Wire));

    public static string Wire(ConditionOp op) => Spellings.First(s => s.Op == op).Wire;

    public static bool TryParse(string? wire, out ConditionOp op)
    {
        foreach (var (candidate, spelling) in Spellings)
        {
            if (spelling == wire)
            {
                op = candidate;
                return true;
            }
        }

        op = default;
        return false;
    }

    /// <summary>The operators a field of <paramref name="kind"/> takes (FieldKind's documentation).</summary>
    public static IReadOnlyList<ConditionOp> For(FieldKind kind) => kind switch
    {
        FieldKind.Text => [ConditionOp.Equal, ConditionOp.NotEqual, ConditionOp.In, ConditionOp.NotIn, ConditionOp.Exists],
        FieldKind.Number => [.. Spellings.Select(s => s.Op)],
        FieldKind.Flag => [ConditionOp.Equal, ConditionOp.NotEqual, ConditionOp.Exists],
        _ => [ConditionOp.Exists],
    };

    public static bool TakesValues(ConditionOp op) => op is ConditionOp.In or ConditionOp.NotIn;
}
