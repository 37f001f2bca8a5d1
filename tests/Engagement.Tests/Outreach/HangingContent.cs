namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// Content as a replica that dies while it waits for words sees it: every call hangs until the caller gives up (the
/// replica stops). <see cref="Entered"/> completes at the first call.
/// </summary>
public sealed class HangingContent
{
    private readonly TaskCompletionSource entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Entered => entered.Task;

    /// <summary>A handler for each one the replica's client factory builds, all reporting to this <see cref="Entered"/>.</summary>
    public DelegatingHandler NewHandler() => new HangingHandler(entered);
}
