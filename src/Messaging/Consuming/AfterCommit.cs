namespace Platform.Messaging.Consuming;

/// <summary>
/// Work a handler wants done only once its transaction committed, such as refreshing a cache
/// copy of the state it changed. Resolve it in the handler (it is scoped to the message); the
/// host runs the actions after commit. A failing action is logged and does not fail the
/// message: such work must only touch copies, never the truth.
/// </summary>
public sealed class AfterCommit
{
    private readonly List<Func<CancellationToken, Task>> actions = [];

    /// <summary>Runs <paramref name="action"/> after the handler's transaction committed.</summary>
    public void Add(Func<CancellationToken, Task> action) => actions.Add(action);

    /// <summary>Runs every action, even while the host stops (the transaction committed; each action's own deadlines bound it).</summary>
    internal async Task RunAsync(Action<Exception> onError)
    {
        foreach (var action in actions)
        {
            try
            {
                await action(CancellationToken.None);
            }
            catch (Exception ex)
            {
                onError(ex);
            }
        }
    }
}
