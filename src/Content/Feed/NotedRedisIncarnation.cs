namespace Platform.Content.Feed;

/// <summary>
/// The Redis incarnation (see <see cref="RedisIncarnation"/>) the stored tombstones were last written to, one row shared by
/// every replica: kept in PostgreSQL, not in a replica's memory, so a change is noticed even when every replica restarted
/// along with Redis (a site's power loss).
/// </summary>
public sealed class NotedRedisIncarnation
{
    public const int OnlyRow = 1;

    public int Id { get; init; } = OnlyRow;

    public required string Incarnation { get; init; }

    public DateTimeOffset NotedAt { get; init; }
}
