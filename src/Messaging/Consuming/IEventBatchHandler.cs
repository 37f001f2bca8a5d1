namespace Platform.Messaging.Consuming;

/// <summary>
/// Handles a poll's worth of a group's events in one transaction, for groups whose per-event commit is the bottleneck
/// (one fsync per event with a durable PostgreSQL). Registered with <c>HandleInBatches</c>; a group has either one batch
/// handler for all its events or per-event handlers only. The host gives it the events its inbox has not seen, in the order
/// consumed (each partition's, hence each client's, order), at most <see cref="ConsumerOptions.MaxBatch"/>, with the same
/// scope and transaction rules as <see cref="IEventHandler{TEvent}"/>. When a batch throws, the host rolls it back and hands
/// its halves to the handler again, each as a batch, down to single events, which get the usual retries and dead-lettering:
/// a poisoned event goes to the dead-letter topic alone and the others commit, in order. A handler may therefore see an
/// event several times before it commits; only the committed call counts.
/// </summary>
public interface IEventBatchHandler
{
    /// <summary>Applies the events in order. Do not call SaveChanges or commit: the host does, once, after the inbox check.</summary>
    Task HandleAsync(IReadOnlyList<ConsumedEvent> events, CancellationToken cancellationToken);
}
