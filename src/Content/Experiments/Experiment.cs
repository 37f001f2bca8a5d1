namespace Platform.Content.Experiments;

/// <summary>
/// An A/B experiment over catalogue items. Variants keep their name and item for good (exposures
/// and assignments refer to them). Until a client is assigned, weights and window may change and
/// variants may be added; from the first assignment on they are fixed (each assignment was drawn
/// under them, and the SRM and the rates compare clients drawn under one set of weights), and only
/// the status changes. Stopped after running, the control alone is served, as a plain item; saved stopped and never
/// run (a draft), it gates nothing.
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

    /// <summary>
    /// When a running experiment was last stopped; null while running or never run (a draft, which gates nothing).
    /// Conversions after it do not count.
    /// </summary>
    public DateTimeOffset? StoppedAt { get; private set; }

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
        if (spec.Status != Status || Version == 0)
        {
            // A stop ends the counting; a (re)start, allowed only before any assignment, begins afresh.
            StoppedAt = Version > 0 && spec.Status == ExperimentStatus.Stopped ? at : null;
        }

        (Status, Variants, ConversionWindow) = (spec.Status, spec.Variants, spec.ConversionWindow);
        Version++;
        UpdatedAt = at;
    }

    public ExperimentVariant? VariantOf(string itemId) => Variants.FirstOrDefault(v => v.ItemId == itemId);

    /// <summary>Whether it was running at <paramref name="at"/>, as far as a time Content was told later can tell: running now, or stopped after it.</summary>
    public bool RanAt(DateTimeOffset at) => Status == ExperimentStatus.Running || StoppedAt >= at;

    /// <summary>The one arm served once stopped after running, to everyone and outside any experiment: the control.</summary>
    public ExperimentVariant ServedWhileStopped => Variants[0];
}
