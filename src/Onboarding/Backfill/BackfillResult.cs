namespace Platform.Onboarding.Backfill;

/// <summary>
/// What one pass of a backfill did: its batches (transactions) and the rows it wrote; <paramref name="AlreadyDone"/> when
/// an earlier pass had completed it, so this one read nothing.
/// </summary>
public sealed record BackfillResult(int Batches, int Filled, bool AlreadyDone)
{
    public static BackfillResult Skipped { get; } = new(0, 0, AlreadyDone: true);
}
