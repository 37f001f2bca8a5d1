namespace Platform.Messaging.Privacy;

/// <summary>
/// A client whose data this service erased (<see cref="ErasureTombstones"/>): kept for good, so that an event of the
/// client still in flight when the erasure came, or replayed later, finds it and re-creates nothing.
/// </summary>
public sealed class ErasedClient
{
    /// <summary>The erased client's id.</summary>
    public required string ClientId { get; init; }

    /// <summary>When the erasure was requested (the ClientErased event's time).</summary>
    public DateTimeOffset ErasedAt { get; init; }
}
