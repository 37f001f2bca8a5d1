namespace Platform.Content.Feed;

/// <summary>Content:Feed.</summary>
public sealed class FeedOptions
{
    /// <summary>Items kept in a cached feed: the most a client may ask for.</summary>
    public const int MaxItems = 100;

    public const int DefaultLimit = 20;

    /// <summary>
    /// The longest a cached feed lives; it ends sooner at the next validity or stage change. Also how long a written
    /// invalidation is kept, to be written again if Redis comes back as another incarnation (it may have lost it).
    /// </summary>
    public TimeSpan CopyTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often each replica retries invalidations Redis missed, and looks whether any are pending.</summary>
    public TimeSpan InvalidationRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each replica compares its catalogue snapshot with the database's (its own edits apply at once).</summary>
    public TimeSpan CatalogRefreshInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a replica may go without confirming its catalogue snapshot current before it refuses feeds and
    /// selections (UNAVAILABLE) rather than serve an item re-rated or withdrawn since; empty: 3 × <see cref="CatalogRefreshInterval"/>.
    /// </summary>
    public TimeSpan? CatalogStaleAfter { get; set; }

    /// <summary>
    /// How long a replica may go without reading the stored invalidations before it trusts no cached feed (another
    /// replica's missed tombstone would be unknown to it); empty: 3 × <see cref="InvalidationRetryInterval"/>.
    /// </summary>
    public TimeSpan? InvalidationsStaleAfter { get; set; }

    public TimeSpan CatalogBound() => CatalogStaleAfter ?? 3 * CatalogRefreshInterval;

    public TimeSpan InvalidationsBound() => InvalidationsStaleAfter ?? 3 * InvalidationRetryInterval;
}
