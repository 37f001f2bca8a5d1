using Confluent.Kafka;
using Platform.Messaging.Outbox;

namespace Platform.Messaging.Tests;

public sealed class FailureKindsTests
{
    [Theory]
    // About Kafka, not the row: never parks a row while its partition takes nothing.
    [InlineData(ErrorCode.BrokerNotAvailable)]
    [InlineData(ErrorCode.ReplicaNotAvailable)]
    [InlineData(ErrorCode.KafkaStorageError)]
    [InlineData(ErrorCode.NotController)]
    [InlineData(ErrorCode.ThrottlingQuotaExceeded)]
    [InlineData(ErrorCode.NotEnoughReplicas)]
    [InlineData(ErrorCode.Local_MsgTimedOut)]
    [InlineData(ErrorCode.Unknown)]
    public void AnErrorThatSaysNothingAboutTheRowIsTransport(ErrorCode code) =>
        Assert.Equal(FailureKind.Transport, FailureKinds.Of(code));

    [Theory]
    // Counts toward parking only while the topic takes other rows: refusing every row, it is a topic outage.
    [InlineData(ErrorCode.UnknownTopicOrPart)]
    [InlineData(ErrorCode.Local_UnknownTopic)]
    [InlineData(ErrorCode.TopicAuthorizationFailed)]
    [InlineData(ErrorCode.PolicyViolation)]
    [InlineData(ErrorCode.InvalidTimestamp)]
    [InlineData(ErrorCode.UnsupportedForMessageFormat)]
    public void KafkasVerdictOnTheRowsTopicIsATopicVerdict(ErrorCode code) =>
        Assert.Equal(FailureKind.Topic, FailureKinds.Of(code));

    [Fact]
    public void ARecordCorruptedOnTheWayCountsTowardParkingWhateverElseHappened() =>
        Assert.Equal(FailureKind.RowSpecific, FailureKinds.Of(ErrorCode.InvalidMsg));

    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge)]
    [InlineData(ErrorCode.RecordListTooLarge)]
    [InlineData(ErrorCode.InvalidRecord)]
    public void ARecordKafkaCanNeverTakeIsPermanent(ErrorCode code) =>
        Assert.Equal(FailureKind.Permanent, FailureKinds.Of(code));

    [Theory]
    [InlineData(ErrorCode.Local_InvalidDifferentRecord)]
    [InlineData(ErrorCode.Local_GaplessGuarantee)]
    [InlineData(ErrorCode.UnknownProducerId)]
    public void AFailureCausedByAnotherRowOrTheProducerIsCollateral(ErrorCode code) =>
        Assert.Equal(FailureKind.Collateral, FailureKinds.Of(code));
}
