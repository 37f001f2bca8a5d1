using Grpc.Core;
using Platform.Content.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Conversions in memory, idempotent per client and event id; an unknown experiment is NOT_FOUND, as in Content.</summary>
public sealed class FakeConversionService(StateChanges changes, FakeExperimentService experiments) : ConversionService.ConversionServiceBase
{
    private readonly Lock gate = new();
    private readonly HashSet<(string, string)> recorded = [];

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

        bool added;
        lock (gate)
        {
            added = recorded.Add((request.ClientId, request.EventId));
        }

        if (!added)
        {
            return new ConversionReply { Duplicate = true };
        }

        changes.Add();
        return new ConversionReply { Counted = true };
    }
}
