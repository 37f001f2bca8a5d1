namespace Platform.Content.Feed;

/// <summary>When a read of the stored invalidations began: this replica's failure count then, and the time.</summary>
public readonly record struct StoredRead(long Sequence, DateTimeOffset StartedAt);
