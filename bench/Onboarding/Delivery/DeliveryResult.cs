namespace Platform.Bench.Onboarding.Delivery;

/// <summary>
/// End-to-end check of the gateway phase: every accepted step must reach onboarding.events as
/// one StepRecorded (DevBroker). <see cref="Produced"/> comes from the watermarks (all records of
/// the phase), <see cref="ByEventType"/> from reading them back (this run's client ids only).
/// </summary>
public sealed record DeliveryResult(
    long AcceptedSteps,
    long OutboxBacklogAtEnd,
    TimeSpan? OutboxDrainedAfter,
    long Produced,
    long DroppedByRetention,
    IReadOnlyDictionary<string, long> ByEventType)
{
    public long StepRecorded => ByEventType.GetValueOrDefault("StepRecorded");

    public bool Matches => OutboxDrainedAfter is not null && Produced == AcceptedSteps
        && (DroppedByRetention > 0 || StepRecorded == AcceptedSteps);
}
