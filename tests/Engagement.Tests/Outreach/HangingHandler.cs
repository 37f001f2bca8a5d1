namespace Platform.Engagement.Tests.Outreach;

/// <summary>Answers no request: reports that one came, then waits until it is cancelled (<see cref="HangingContent"/>).</summary>
public sealed class HangingHandler(TaskCompletionSource entered) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }
}
