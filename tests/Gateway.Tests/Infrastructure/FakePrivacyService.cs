using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Engagement.Privacy.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Engagement's erasure contract: records each request, and answers a repeated one as already requested.</summary>
public sealed class FakePrivacyService(StateChanges changes) : PrivacyService.PrivacyServiceBase
{
    private readonly ConcurrentDictionary<string, Timestamp> erased = new(StringComparer.Ordinal);

    /// <summary>The client id of every request received, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public override Task<EraseClientReply> EraseClient(EraseClientRequest request, ServerCallContext context)
    {
        Requests.Enqueue(request.ClientId);
        changes.Add();
        var first = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        var requestedAt = erased.GetOrAdd(request.ClientId, first);
        return Task.FromResult(new EraseClientReply { ClientId = request.ClientId, RequestedAt = requestedAt, AlreadyRequested = requestedAt != first });
    }
}
