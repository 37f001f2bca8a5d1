namespace Platform.Content.Templates;

/// <summary>A template that names an unknown placeholder or leaves one open; <see cref="Position"/> counts from 1.</summary>
public sealed class TemplateException(int position, string problem, string? hint = null)
    : Exception($"{problem} at position {position}{(hint is null ? "" : "; " + hint)}")
{
    public int Position { get; } = position;
}
