using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

/// <summary>
/// The relay's memory after a committed round. What it learns about sick partitions asks the cluster for a topic's
/// partition count; no real service makes that step throw anything but the Kafka errors it catches, so the test has it
/// throw (an unforeseen failure of bookkeeping that is only an optimisation).
/// </summary>
public sealed class RelayMemoryTests
{
    [Fact]
    public void AFailureWhileLearningTheSickPartitionsStillReportsTheRoundAndPacesItsRetries()
    {
        var memory = new RelayMemory(new OutboxOptions { InitialBackoff = TimeSpan.FromHours(1), MaxBackoff = TimeSpan.FromHours(1) },
            TimeProvider.System, predictsPartitions: true, NullLogger.Instance);
        // One row timed out (a transport failure: the partition may be sick) and one was refused alone as too large (parked).
        var (timedOut, tooLarge) = (Row(1, "k-1"), Row(2, "k-2"));
        var round = RoundSettlement.Of([timedOut, tooLarge],
        [
            DeliveryOutcome.Failed(new Error(ErrorCode.Local_MsgTimedOut), Partition.Any),
            DeliveryOutcome.Failed(new Error(ErrorCode.MsgSizeTooLarge), new Partition(0)) with { Alone = true },
        ], maxAttempts: 10);
        Assert.Contains(round.Failures, f => f.Park);

        RoundSettlement? reported = null;
        memory.After(retried: true, claimCut: false, round, retriedHead: _ => false,
            partitionCount: _ => throw new InvalidOperationException("the metadata request failed in an unforeseen way"),
            report: r => reported = r);

        // The parked row was reported (its log and metric), and the pacer holds the failing row back for its backoff.
        Assert.Same(round, reported);
        Assert.False(memory.RetryDue);
        // Nothing half-learnt is kept: the next round produces the row, as after a restart.
        Assert.Null(memory.Deferral(Row(3, "k-1")));
    }

    private static OutboxMessage Row(long id, string key) =>
        new() { Id = id, Topic = "memory", MessageKey = key, EventType = "CounterIncremented", Payload = [] };
}
