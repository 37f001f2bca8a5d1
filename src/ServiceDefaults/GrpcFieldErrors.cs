using System.Text.Json;
using Grpc.Core;

namespace Platform.ServiceDefaults;

/// <summary>
/// How a service tells the gateway which request fields were wrong: status InvalidArgument with
/// the trailer <c>field-errors-bin</c> holding UTF-8 JSON <c>{"field": ["message", ...]}</c>,
/// field names in camelCase as the public API spells them. The gateway turns it into a 400
/// problem details with <c>errors</c>.
/// </summary>
public static class GrpcFieldErrors
{
    public const string Trailer = "field-errors-bin";

    public static RpcException InvalidArgument(IReadOnlyDictionary<string, string[]> errors)
    {
        var trailers = new Metadata { { Trailer, JsonSerializer.SerializeToUtf8Bytes(errors) } };
        var detail = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
        return new RpcException(new Status(StatusCode.InvalidArgument, detail), trailers);
    }

    public static RpcException InvalidArgument(string field, string message) =>
        InvalidArgument(new Dictionary<string, string[]> { [field] = [message] });
}
