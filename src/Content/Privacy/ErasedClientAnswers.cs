using Grpc.Core;

namespace Platform.Content.Privacy;

/// <summary>What the gRPC adapters answer for an erased client: unknown, as a client Content never heard of would be on a data route.</summary>
public static class ErasedClientAnswers
{
    public static RpcException NotFound() => new(new Status(StatusCode.NotFound, "Content does not know this client (erased)."));
}
