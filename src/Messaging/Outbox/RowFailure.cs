namespace Platform.Messaging.Outbox;

/// <summary>A row whose delivery failed in a round, and what the relay does about it.</summary>
/// <param name="Row">The row as claimed.</param>
/// <param name="Error">Its error, for <c>last_error</c>.</param>
/// <param name="Counted">Whether the failure counts as an attempt (then the row's (topic, key) waits behind it).</param>
/// <param name="Park">Whether the relay gives up on the row.</param>
/// <param name="Produced">False for a row held unproduced because its partition is known sick (<see cref="DeliveryOutcome.Deferred(string)"/>).</param>
internal sealed record RowFailure(OutboxMessage Row, string Error, bool Counted, bool Park, bool Produced = true);
