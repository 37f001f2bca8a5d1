namespace Platform.Content.Experiments;

/// <summary>What the results query counts for one variant: distinct exposed clients and those of them who converted in the window.</summary>
public readonly record struct VariantCounts(string Name, int Weight, long Exposures, long Conversions);
