namespace Platform.Engagement.Outreach.Firing;

/// <summary>The client fields rules condition on (<see cref="Facts.ClientFields"/>), for a set of clients at a time, in one round trip.</summary>
public interface IClientFields
{
    /// <returns>Every asked client, with the fields known of it (an unknown client has none).</returns>
    Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>> ReadAsync(IReadOnlyCollection<string> clientIds, DateTimeOffset now,
        CancellationToken cancellationToken);
}
