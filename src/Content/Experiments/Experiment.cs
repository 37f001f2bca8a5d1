namespace Platform.Content.Experiments;

/// <summary>
/// An A/B experiment over catalogue items. Variants keep their name and item for good (exposures
/// and assignments refer to them); weights, status and window may change, and variants may be
/// added. A weight change moves only clients not yet assigned: assignments are stored.
/// </summary>
public sealed class Experiment
{
    private Experiment()
    {
    }

    public required string Key { get; init; }

    public ExperimentStatus Status { get; private set; }

    /// <summary>In order: the first is the control.</summary>
    public IReadOnlyList<ExperimentVariant> Variants { get; private set; } = [];

    public TimeSpan ConversionWindow { get; private set; }

    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Experiment Create(ExperimentSpec spec, DateTimeOffset at)
    {
        var experiment = new Experiment { Key = spec.Key };
        experiment.Update(spec, at);
        return experiment;
    }

    public void Update(ExperimentSpec spec, DateTimeOffset at)
    {
        (Status, Variants, ConversionWindow) = (spec.Status, spec.Variants, spec.ConversionWindow);
        Version++;
        UpdatedAt = at;
    }

    public ExperimentVariant? VariantOf(string itemId) => Variants.FirstOrDefault(v => v.ItemId == itemId);
}
