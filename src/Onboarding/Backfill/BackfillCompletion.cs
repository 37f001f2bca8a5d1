namespace Platform.Onboarding.Backfill;

/// <summary>
/// A backfill that finished a pass with nothing left to fill: every later start skips it instead of reading the
/// funnels again. One row per backfill, written once (the first replica to finish wins; the others' inserts do nothing).
/// </summary>
public sealed class BackfillCompletion
{
    public required string Name { get; init; }

    public DateTimeOffset CompletedAt { get; init; }
}
