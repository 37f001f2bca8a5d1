namespace Platform.Content.Selection;

/// <summary>The experiment gate for one client: its variants decide which experiment items it may be served.</summary>
public interface IExperimentGates
{
    ValueTask<IExperimentGate> ForClientAsync(string clientId, CancellationToken cancellationToken);
}
