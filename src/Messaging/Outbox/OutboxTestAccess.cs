using System.Runtime.CompilerServices;

// The relay's verdicts (FailureKinds) are a table of Kafka error codes; its tests check the table directly, because
// most codes cannot be provoked from DevBroker (librdkafka retries them and reports a timeout).
[assembly: InternalsVisibleTo("Messaging.Tests")]
