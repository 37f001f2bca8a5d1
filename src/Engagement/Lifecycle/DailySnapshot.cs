namespace Platform.Engagement.Lifecycle;

/// <summary>One trading day's assets as a snapshot reported them, and when the snapshot was taken.</summary>
public readonly record struct DailySnapshot(DateOnly Date, decimal Total, decimal Cash, DateTimeOffset TakenAt)
{
    /// <summary>
    /// Whether this snapshot replaces <paramref name="other"/> of the same day: the later one does; of two taken at once, the
    /// larger figures (any fixed choice would do, so that the order they came in does not matter).
    /// </summary>
    public bool Replaces(DailySnapshot other) =>
        (TakenAt, Total, Cash).CompareTo((other.TakenAt, other.Total, other.Cash)) > 0;
}
