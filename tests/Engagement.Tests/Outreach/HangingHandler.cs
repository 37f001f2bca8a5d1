namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// In front of Content's SelectContent: a call for one client is never answered (it reports that it came, then waits
/// until it is cancelled); any other client's goes through (<see cref="HangingContent"/>).
/// </summary>
public sealed class HangingHandler(string clientId, TaskCompletionSource entered) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if ((await SelectContentRequests.ReadAsync(request, cancellationToken)).ClientId != clientId)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }
}
