namespace Platform.Content.Feed;

/// <summary>
/// A client whose cached feed must be invalidated at <see cref="Version"/> of its profile: written in the transaction that
/// changed the profile, so a change committed while Redis was away is still invalidated when it returns. Kept for
/// <see cref="FeedOptions.CopyTimeToLive"/> after Redis took the tombstone (<see cref="WrittenAt"/>): a Redis that loses
/// acknowledged writes (a failover before replication, a power loss within the fsync second) may come back with the
/// copy the tombstone replaced, and every tombstone younger than the longest copy is then written again.
/// </summary>
public sealed class FeedInvalidation
{
    public required string ClientId { get; init; }

    public long Version { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>When Redis took the tombstone; null while it is pending (never written, or written to a Redis since lost).</summary>
    public DateTimeOffset? WrittenAt { get; init; }
}
