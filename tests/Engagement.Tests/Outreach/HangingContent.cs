namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Content as a replica that dies while it waits for words sees it: every call for one client hangs until the caller
/// gives up (the replica stops); other clients' calls are answered. <see cref="Entered"/> completes at that client's first call.
/// </summary>
public sealed class HangingContent(string clientId)
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => entered.Task;

    /// <summary>A handler for each one the replica's client factory builds, all reporting to this <see cref="Entered"/>.</summary>
    public DelegatingHandler NewHandler() => new HangingHandler(clientId, entered);
}
