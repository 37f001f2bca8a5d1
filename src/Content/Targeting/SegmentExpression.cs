namespace Platform.Content.Targeting;

/// <summary>
/// A segment: a boolean expression over a client's tags, for example
/// <c>style:technical AND (horizon:short OR NOT interest:bonds)</c>. NOT binds tighter than
/// AND, AND tighter than OR; keywords are case-insensitive. Parsed once when an operator saves
/// it, evaluated for every feed, so evaluation is a walk over a small immutable tree.
/// </summary>
public abstract class SegmentExpression
{
    public const int MaxLength = 1000;

    /// <summary>Deep enough for any expression a person writes; bounded so a hostile one cannot overflow the stack.</summary>
    public const int MaxDepth = 32;

    public abstract bool Matches(IReadOnlySet<string> tags);

    /// <summary>The tags the expression names, for listing and for checking them against the vocabulary.</summary>
    public abstract IEnumerable<string> Tags { get; }

    /// <summary>Parses <paramref name="text"/>, or throws <see cref="SegmentSyntaxException"/> naming the 1-based position of the problem.</summary>
    public static SegmentExpression Parse(string text) => new SegmentParser(text).ParseWhole();

    internal sealed class Tag(string tag) : SegmentExpression
    {
        public override bool Matches(IReadOnlySet<string> tags) => tags.Contains(tag);

        public override IEnumerable<string> Tags => [tag];

        public override string ToString() => tag;
    }

    internal sealed class Not(SegmentExpression operand) : SegmentExpression
    {
        public override bool Matches(IReadOnlySet<string> tags) => !operand.Matches(tags);

        public override IEnumerable<string> Tags => operand.Tags;

        public override string ToString() => $"NOT {operand}";
    }

    internal sealed class And(SegmentExpression left, SegmentExpression right) : SegmentExpression
    {
        public override bool Matches(IReadOnlySet<string> tags) => left.Matches(tags) && right.Matches(tags);

        public override IEnumerable<string> Tags => left.Tags.Concat(right.Tags);

        public override string ToString() => $"({left} AND {right})";
    }

    internal sealed class Or(SegmentExpression left, SegmentExpression right) : SegmentExpression
    {
        public override bool Matches(IReadOnlySet<string> tags) => left.Matches(tags) || right.Matches(tags);

        public override IEnumerable<string> Tags => left.Tags.Concat(right.Tags);

        public override string ToString() => $"({left} OR {right})";
    }
}
