using Platform.Content.Grpc;

namespace Platform.Engagement.Tests.Outreach;

/// <summary>Reads the SelectContent request an HTTP request carries, leaving the request able to go on (its body buffered again).</summary>
public static class SelectContentRequests
{
    public static async Task<SelectContentRequest> ReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        var copy = new ByteArrayContent(body);
        foreach (var header in request.Content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        request.Content = copy;
        // A unary gRPC request: a 5-byte frame header (compressed flag, length), then the message.
        return SelectContentRequest.Parser.ParseFrom(body.AsSpan(5));
    }
}
