using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Content.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// Client tags and segments in memory. Of Content's rules it keeps two, to show its field errors reach the caller: a
/// derived tag (risk:...) cannot be set, and an empty expression is refused. An id's prefix picks a misbehaviour.
/// </summary>
public sealed class FakeAudienceService(StateChanges changes) : AudienceService.AudienceServiceBase
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, string[]> tags = new(StringComparer.Ordinal) { ["c-tagged"] = ["horizon:short", "style:technical"] };
    private readonly Dictionary<string, Segment> segments = new(StringComparer.Ordinal)
    {
        ["short-term-traders"] = new Segment
        {
            Key = "short-term-traders", Expression = "style:technical AND horizon:short", Version = 1,
            UpdatedAt = Timestamp.FromDateTimeOffset(FakeCatalogService.UpdatedAt),
        },
    };

    public override async Task<ClientTags> GetClientTags(ClientTagsRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.ClientId, 1, context);
        lock (gate)
        {
            return new ClientTags { ClientId = request.ClientId, Tags = { tags.GetValueOrDefault(request.ClientId, []) } };
        }
    }

    public override async Task<ClientTags> SetClientTags(ClientTags request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.ClientId, 1, context);
        var derived = request.Tags.Select((tag, i) => (tag, i)).FirstOrDefault(t => t.tag.StartsWith("risk:", StringComparison.Ordinal));
        if (derived.tag is not null)
        {
            throw FakeCatalogService.FieldError($"tags[{derived.i}]", "is derived from the profile; operators cannot set it");
        }

        string[] stored = [.. request.Tags.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        lock (gate)
        {
            tags[request.ClientId] = stored;
        }

        changes.Add();
        return new ClientTags { ClientId = request.ClientId, Tags = { stored } };
    }

    public override Task<SegmentList> ListSegments(ListSegmentsRequest request, ServerCallContext context)
    {
        lock (gate)
        {
            return Task.FromResult(new SegmentList { Segments = { segments.Values.OrderBy(s => s.Key, StringComparer.Ordinal) } });
        }
    }

    public override async Task<Segment> GetSegment(GetSegmentRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.Key, 1, context);
        lock (gate)
        {
            return segments.TryGetValue(request.Key, out var segment) ? segment : throw NoSegment();
        }
    }

    public override async Task<Segment> CreateSegment(Segment request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.Key, 1, context);
        CheckExpression(request.Expression);
        var created = new Segment(request) { Version = 1, UpdatedAt = Timestamp.FromDateTimeOffset(FakeCatalogService.UpdatedAt) };
        lock (gate)
        {
            if (!segments.TryAdd(request.Key, created))
            {
                throw new RpcException(new Status(StatusCode.AlreadyExists, "The segment key is taken."));
            }
        }

        changes.Add();
        return created;
    }

    public override async Task<Segment> UpdateSegment(Segment request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.Key, 1, context);
        CheckExpression(request.Expression);
        Segment updated;
        lock (gate)
        {
            updated = segments.TryGetValue(request.Key, out var current)
                ? new Segment(request) { Version = current.Version + 1, UpdatedAt = current.UpdatedAt }
                : throw NoSegment();
            // As Content: an edit made from a version another edit replaced is refused.
            if (request.Version != 0 && request.Version != current.Version)
            {
                throw new RpcException(new Status(StatusCode.Aborted, "The segment was changed by someone else; read it again and retry."));
            }

            segments[request.Key] = updated;
        }

        changes.Add();
        return updated;
    }

    private static void CheckExpression(string expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw FakeCatalogService.FieldError("expression", "position 1: a tag or ( is expected");
        }
    }

    private static RpcException NoSegment() => new(new Status(StatusCode.NotFound, "No such segment."));
}
