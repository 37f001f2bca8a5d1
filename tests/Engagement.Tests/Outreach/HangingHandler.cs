using Platform.Content.Grpc;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>
/// In front of Content's SelectContent: a call for one client is never answered (it reports that it came, then waits
/// until it is cancelled); any other client's goes through (<see cref="HangingContent"/>).
/// </summary>
public sealed class HangingHandler(string clientId, TaskCompletionSource entered) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        // A unary gRPC request: a 5-byte frame header (compressed flag, length), then the message.
        if (SelectContentRequest.Parser.ParseFrom(body.AsSpan(5)).ClientId != clientId)
        {
            var copy = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = copy;
            return await base.SendAsync(request, cancellationToken);
        }

        entered.TrySetResult();
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new OperationCanceledException(cancellationToken);
    }
}
