using Grpc.Core;
using Platform.Content.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// Conversions in memory, idempotent per client, experiment and event id (another occurredAt is ALREADY_EXISTS); an unknown
/// experiment is NOT_FOUND, as in Content.
/// </summary>
public sealed class FakeConversionService(StateChanges changes, FakeExperimentService experiments) : ConversionService.ConversionServiceBase
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string, string, string), Google.Protobuf.WellKnownTypes.Timestamp> recorded = [];

    public override async Task<ConversionReply> RecordConversion(ConversionRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.ClientId, 1, context);
        if (!Guid.TryParse(request.EventId, out _))
        {
            throw FakeCatalogService.FieldError("eventId", "must be a UUID");
        }

        if (experiments.Stored(request.ExperimentKey) is null)
        {
            throw new RpcException(new Status(StatusCode.NotFound, "No such experiment."));
        }

        Google.Protobuf.WellKnownTypes.Timestamp? stored;
        lock (gate)
        {
            if (!recorded.TryGetValue((request.ClientId, request.ExperimentKey, request.EventId), out stored))
            {
                recorded[(request.ClientId, request.ExperimentKey, request.EventId)] = request.OccurredAt;
            }
        }

        if (stored is not null)
        {
            return stored.Equals(request.OccurredAt)
                ? new ConversionReply { Duplicate = true }
                : throw new RpcException(new Status(StatusCode.AlreadyExists, "This event id was reported with another occurredAt."));
        }

        changes.Add();
        return new ConversionReply { Counted = true };
    }
}
