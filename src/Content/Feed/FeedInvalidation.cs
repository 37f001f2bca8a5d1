namespace Platform.Content.Feed;

/// <summary>
/// A client whose cached feed must be invalidated at <see cref="Version"/> of its profile: written in
/// the transaction that changed the profile, deleted once Redis holds the tombstone, so a profile
/// change committed while Redis was away is still invalidated when it returns.
/// </summary>
public sealed class FeedInvalidation
{
    public required string ClientId { get; init; }

    public long Version { get; init; }

    public DateTimeOffset RequestedAt { get; init; }
}
