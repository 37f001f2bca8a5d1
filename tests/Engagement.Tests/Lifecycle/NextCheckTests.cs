using Platform.Engagement.Lifecycle;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>
/// The stored next check may come early (the sweeper settles the client and stores the next one then), never late: a stage
/// that time changes must change on time. Keeping the earlier one spares the row's index on most events.
/// </summary>
public sealed class NextCheckTests
{
    private static readonly DateTimeOffset Now = LifecycleHost.T0;

    [Fact]
    public void AStoredCheckStillAheadAndNoLaterThanTheNewOneIsKept()
    {
        Assert.Equal(Now.AddDays(3), LifecycleStages.NextCheckToStore(Now.AddDays(3), Now.AddDays(30), Now));
        Assert.Equal(Now.AddDays(3), LifecycleStages.NextCheckToStore(Now.AddDays(3), Now.AddDays(3), Now));
        // Only an event can change the stage now: the stored check costs one sweep that finds nothing to change.
        Assert.Equal(Now.AddDays(3), LifecycleStages.NextCheckToStore(Now.AddDays(3), null, Now));
    }

    [Fact]
    public void ANewCheckEarlierThanTheStoredOneReplacesIt()
    {
        Assert.Equal(Now.AddDays(2), LifecycleStages.NextCheckToStore(Now.AddDays(3), Now.AddDays(2), Now));
        Assert.Equal(Now.AddDays(2), LifecycleStages.NextCheckToStore(null, Now.AddDays(2), Now));
    }

    [Fact]
    public void AStoredCheckThatIsDueGivesWayToTheNewOne()
    {
        Assert.Equal(Now.AddDays(30), LifecycleStages.NextCheckToStore(Now, Now.AddDays(30), Now));
        Assert.Equal(Now.AddDays(30), LifecycleStages.NextCheckToStore(Now.AddDays(-1), Now.AddDays(30), Now));
        Assert.Null(LifecycleStages.NextCheckToStore(Now.AddDays(-1), null, Now));
    }
}
