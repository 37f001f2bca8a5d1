using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

/// <summary>
/// When the relay vacuums its outbox. A vacuum cannot be made slow on demand in a test (it skips pages it cannot lock and
/// tables another vacuum holds), so the schedule is checked on its own; OutboxVacuumTests checks that the relay vacuums.
/// </summary>
public sealed class VacuumScheduleTests
{
    private static readonly TimeSpan Start = TimeSpan.FromHours(1);

    [Fact]
    public void AVacuumIsDueOnceTheSetNumberOfRowsWasDeletedAndAFastOneKeepsThatPace()
    {
        var schedule = new VacuumSchedule(afterRows: 100);
        schedule.Deleted(99);
        Assert.False(schedule.Due(Start));

        schedule.Deleted(1);
        Assert.True(schedule.Due(Start));

        schedule.Done(Start, took: TimeSpan.FromMilliseconds(5), completed: true);
        schedule.Deleted(100);
        Assert.True(schedule.Due(Start));
    }

    [Fact]
    public void AfterASlowOrCutVacuumTheNextWaitsLongerEachTimeAndAFastOneEndsThePause()
    {
        var schedule = new VacuumSchedule(afterRows: 100);
        var now = Start;

        // Cut at its timeout (a long transaction holds the dead rows): the next waits 10 s, however many rows are deleted.
        schedule.Done(now, took: VacuumSchedule.Timeout, completed: false);
        schedule.Deleted(10_000);
        Assert.False(schedule.Due(now + TimeSpan.FromSeconds(9)));
        now += TimeSpan.FromSeconds(10);
        Assert.True(schedule.Due(now));

        // Slow again, though completed: 20 s.
        schedule.Done(now, took: TimeSpan.FromSeconds(3), completed: true);
        schedule.Deleted(100);
        Assert.False(schedule.Due(now + TimeSpan.FromSeconds(19)));
        now += TimeSpan.FromSeconds(20);
        Assert.True(schedule.Due(now));

        // Fast: the dead rows were removed, back to every 100 rows.
        schedule.Done(now, took: TimeSpan.FromMilliseconds(5), completed: true);
        schedule.Deleted(100);
        Assert.True(schedule.Due(now));
    }

    [Fact]
    public void ThePauseStopsGrowingAtFiveMinutes()
    {
        var schedule = new VacuumSchedule(afterRows: 1);
        var now = Start;
        for (var i = 0; i < 10; i++)
        {
            schedule.Done(now, took: VacuumSchedule.Timeout, completed: false);
        }

        schedule.Deleted(1);
        Assert.False(schedule.Due(now + TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1)));
        Assert.True(schedule.Due(now + TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void NoRowCountMakesAVacuumDueWhenTheRelayIsToLeaveItToAutovacuum()
    {
        var schedule = new VacuumSchedule(afterRows: 0);
        schedule.Deleted(1_000_000);

        Assert.False(schedule.Due(Start));
    }
}
