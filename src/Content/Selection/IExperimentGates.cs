namespace Platform.Content.Selection;

/// <summary>The experiment gate for one client: its variants decide which experiment items it may be served.</summary>
public interface IExperimentGates
{
    /// <summary>
    /// The client's gate for one selection. Assignments are drawn only for the running experiments with an arm this
    /// selection could serve the client (suitable, valid, targeted, rendered), so a client no arm can reach is never assigned.
    /// </summary>
    ValueTask<IExperimentGate> ForClientAsync(CatalogSnapshot snapshot, ClientView client, SelectionRequest request, DateTimeOffset now,
        CancellationToken cancellationToken);
}
