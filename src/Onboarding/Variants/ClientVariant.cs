namespace Platform.Onboarding.Variants;

/// <summary>
/// A client's variant in one experiment, from Content's first exposure (ExposureRecorded on content.events). Kept
/// apart from the client's progress, and may exist before it (a prospect sees the landing copy before its first
/// step): the funnel report joins it at read time, so recording a step never reads it.
/// </summary>
public sealed class ClientVariant
{
    public required string ClientId { get; init; }

    public required string ExperimentKey { get; init; }

    public required string Variant { get; init; }

    public required string ItemId { get; init; }

    public DateTimeOffset ExposedAt { get; init; }

    /// <summary>The report's group key of this variant.</summary>
    public string SliceKey => VariantKeys.Of(ExperimentKey, Variant);
}
