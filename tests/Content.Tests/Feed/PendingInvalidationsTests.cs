using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Platform.Content.Feed;

namespace Platform.Content.Tests.Feed;

/// <summary>Which cached feeds a replica may trust while tombstones are missing (review finding 3).</summary>
public sealed class PendingInvalidationsTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly PendingInvalidations pending;

    public PendingInvalidationsTests() =>
        pending = new PendingInvalidations(Options.Create(new FeedOptions { InvalidationRetryInterval = TimeSpan.FromSeconds(1) }), time);

    private void ReadNothingPending() => pending.Stored([], more: false, pending.ReadStarting());

    [Fact]
    public void UntilTheStoredRequestsWereReadOnceNoCopyIsTrusted()
    {
        Assert.True(pending.Contains("c-1"));

        ReadNothingPending();

        Assert.False(pending.Contains("c-1"));
    }

    /// <summary>
    /// The retry loop's read began before this replica's handler committed and its tombstone failed, so the read cannot
    /// hold the client: the read's result must not forget the failure.
    /// </summary>
    [Fact]
    public void ATombstoneThatFailsWhileTheLoopReadsStaysPendingAfterTheRead()
    {
        ReadNothingPending();
        var read = pending.ReadStarting();
        pending.FailedHere(["c-1"]);
        pending.Stored([], more: false, read);

        Assert.True(pending.Contains("c-1"));

        pending.Stored([], more: false, pending.ReadStarting());
        Assert.False(pending.Contains("c-1"));
    }

    [Fact]
    public void ATombstoneThatFailedBeforeTheReadIsKnownFromTheStoredRequests()
    {
        ReadNothingPending();
        pending.FailedHere(["c-1"]);
        var read = pending.ReadStarting();

        pending.Stored(["c-1"], more: false, read);
        Assert.True(pending.Contains("c-1"));
        pending.Stored([], more: false, pending.ReadStarting());
        Assert.False(pending.Contains("c-1"));
    }

    /// <summary>Another replica's missed tombstone is known only from the stored requests: a replica that stopped reading them trusts nothing.</summary>
    [Fact]
    public void AReplicaWhoseLastReadIsOlderThanTheBoundTrustsNoCopy()
    {
        ReadNothingPending();
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(pending.Contains("c-1"));

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(pending.Contains("c-1"));

        ReadNothingPending();
        Assert.False(pending.Contains("c-1"));
    }

    [Fact]
    public void AFailedReadTrustsNoCopyUntilTheNextRead()
    {
        ReadNothingPending();
        pending.Unknown();
        Assert.True(pending.Contains("c-1"));

        ReadNothingPending();
        Assert.False(pending.Contains("c-1"));
    }
}
