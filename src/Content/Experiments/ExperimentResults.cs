namespace Platform.Content.Experiments;

/// <summary>Results as API.md defines them; comparisons are against the first variant, the control, and null for it.</summary>
public sealed record ExperimentResults(IReadOnlyList<VariantResult> Variants, SampleRatioMismatch SampleRatioMismatch);

public sealed record VariantResult(
    string Name,
    long Exposures,
    long Conversions,
    double? Rate,
    double? Lift,
    double? Difference,
    double[]? Ci95,
    double? PValue);

public sealed record SampleRatioMismatch(bool Detected, double? PValue);
