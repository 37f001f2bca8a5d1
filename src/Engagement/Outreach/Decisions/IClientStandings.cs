namespace Platform.Engagement.Outreach.Decisions;

/// <summary>Reads the standing of a set of clients in one round trip (erasures and the lifecycle state).</summary>
public interface IClientStandings
{
    Task<IReadOnlyDictionary<string, ClientStanding>> ReadAsync(IReadOnlyCollection<string> clientIds, CancellationToken cancellationToken);
}
