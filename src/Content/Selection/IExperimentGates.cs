namespace Platform.Content.Selection;

/// <summary>The experiment gate for one client: its variants decide which experiment items it may be served.</summary>
public interface IExperimentGates
{
    ValueTask<IExperimentGate> ForClientAsync(string clientId, CancellationToken cancellationToken);
}

/// <summary>
/// Until experiments exist (issue 11, item 6, not built yet), no item is in an experiment: every
/// item passes the gate. Replaced by the experiments' gate when they land.
/// </summary>
public sealed class NoExperiments : IExperimentGates, IExperimentGate
{
    public ValueTask<IExperimentGate> ForClientAsync(string clientId, CancellationToken cancellationToken) => ValueTask.FromResult<IExperimentGate>(this);

    public (bool Serve, ExperimentArm Arm)? Check(string itemId) => null;
}
