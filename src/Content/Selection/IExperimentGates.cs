namespace Platform.Content.Selection;

/// <summary>The experiment gate for one client: its variants decide which experiment items it may be served.</summary>
public interface IExperimentGates
{
    /// <summary>
    /// The client's gate for one selection. Assignments are drawn only for the running experiments with an arm this
    /// selection could serve the client (suitable, valid, targeted, rendered), so a client no arm can reach is never assigned.
    /// </summary>
    /// <param name="assign">
    /// True when the selection serves the client (its own feed read, or an outreach Engagement will send): a variant drawn
    /// is stored, so the client keeps it. False for an operator's preview: the variant is drawn the same way but stored
    /// nowhere, since a stored assignment fixes the experiment's definition and the client was shown nothing.
    /// </param>
    ValueTask<IExperimentGate> ForClientAsync(CatalogSnapshot snapshot, ClientView client, SelectionRequest request, DateTimeOffset now,
        bool assign, CancellationToken cancellationToken);
}
