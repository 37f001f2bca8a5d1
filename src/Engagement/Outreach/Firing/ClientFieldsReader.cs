using Platform.Engagement.Lifecycle;
using Platform.Engagement.Settings;

namespace Platform.Engagement.Outreach.Firing;

/// <summary>The client fields of the lifecycle state, with the idle-cash threshold of the current engagement settings.</summary>
internal sealed class ClientFieldsReader(ClientFactsReader facts, SettingsReader settings) : IClientFields
{
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, object?>>> ReadAsync(IReadOnlyCollection<string> clientIds, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var threshold = (await settings.GetCurrentAsync(cancellationToken)).Settings.IdleCashThreshold;
        return await facts.LoadAsync(clientIds, now, cancellationToken, threshold);
    }
}
