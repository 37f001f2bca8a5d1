namespace Platform.Messaging.Outbox;

/// <summary>
/// When the relay vacuums its outbox table (<see cref="OutboxOptions.VacuumAfterRows"/>). A vacuum of the few thousand rows
/// deleted since the last one takes milliseconds. One that takes long (cut at <see cref="Timeout"/>, or failed) is in vain or
/// nearly so: a long transaction holds the oldest snapshot, so the dead rows cannot go, and the vacuum re-reads the whole
/// bloat each time. After such a vacuum the next waits, 10 s doubling to 5 min, and a fast one ends the pause.
/// </summary>
/// <param name="afterRows">Rows delivered (deleted) between two vacuums; 0: never.</param>
internal sealed class VacuumSchedule(int afterRows)
{
    /// <summary>The longest a vacuum may run; it runs on the relay's path, and a stopping host cancels it too.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>A vacuum taking longer than this did not find the few pages of a queue's recent deletes.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan FirstPause = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(5);

    private int deleted;
    private TimeSpan pause = TimeSpan.Zero;
    private TimeSpan notBefore = TimeSpan.MinValue;

    /// <summary>Counts delivered rows, deleted from the table.</summary>
    public void Deleted(int rows) => deleted += rows;

    /// <summary>True when enough rows were deleted since the last vacuum and no pause holds it back at <paramref name="now"/> (a monotonic clock).</summary>
    public bool Due(TimeSpan now) => afterRows > 0 && deleted >= afterRows && now >= notBefore;

    /// <summary>Records a vacuum that ended at <paramref name="now"/> after <paramref name="took"/>; <paramref name="completed"/> false when cut or failed.</summary>
    public void Done(TimeSpan now, TimeSpan took, bool completed)
    {
        deleted = 0;
        pause = completed && took < Slow ? TimeSpan.Zero
            : pause == TimeSpan.Zero ? FirstPause
            : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        notBefore = now + pause;
    }
}
