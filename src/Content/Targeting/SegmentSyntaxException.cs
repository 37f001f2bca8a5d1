namespace Platform.Content.Targeting;

/// <summary>A segment expression that does not parse; <see cref="Position"/> counts characters from 1.</summary>
public sealed class SegmentSyntaxException(int position, string problem)
    : Exception($"{problem} at position {position}")
{
    public int Position { get; } = position;
}
