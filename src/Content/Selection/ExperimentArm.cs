namespace Platform.Content.Selection;

/// <summary>The experiment and variant a served item belongs to.</summary>
public sealed record ExperimentArm(string Key, string Variant);
