namespace Platform.Engagement.Rules;

/// <summary>What Content is asked for: an item of this kind carrying every one of these labels.</summary>
public sealed record RuleContent(string Kind, IReadOnlyList<string> Tags);
