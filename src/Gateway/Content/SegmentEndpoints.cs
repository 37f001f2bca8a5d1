using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Content.Grpc;
using Segment = Platform.Content.Grpc.Segment;

namespace Platform.Gateway.Content;

/// <summary>Operators' segments, tag expressions usable in targeting: GET|POST /v1/segments, GET|PUT /v1/segments/{key} (API.md, Content).</summary>
internal static class SegmentEndpoints
{
    private const string ExpressionHint = "tags with AND, OR, NOT and parentheses";

    public static RouteGroupBuilder MapSegments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapContentGroup("/v1/segments");

        group.MapGet("", List).WithName("ListSegments").WithSummary("Every segment, by key");
        group.MapPost("", Create).WithName("CreateSegment").WithSummary("Adds a segment")
            .WithDescription("expression: tags with AND, OR, NOT and parentheses (NOT binds tighter than AND, AND than OR); a syntax error is a 400 "
                + "naming its position. 409 when the key is taken.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{key}", Get).WithName("GetSegment").WithSummary("One segment").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{key}", Update).WithName("UpdateSegment").WithSummary("Replaces a segment's expression")
            .WithDescription("key may be left out; when given it must be the route's. version, when given, is the version the edit was made "
                + "from: if another edit committed since, the answer is 409 and nothing changes (read the segment again and redo the edit); "
                + "without it, the edit replaces whatever is current.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Ok<SegmentResponse[]>> List(AudienceService.AudienceServiceClient audience, CancellationToken cancellationToken) =>
        TypedResults.Ok((await audience.ListSegmentsAsync(new ListSegmentsRequest(), cancellationToken: cancellationToken)).Segments.Select(FromGrpc).ToArray());

    internal static async Task<Ok<SegmentResponse>> Get(string key, AudienceService.AudienceServiceClient audience, CancellationToken cancellationToken) =>
        TypedResults.Ok(FromGrpc(await audience.GetSegmentAsync(new GetSegmentRequest { Key = key }, cancellationToken: cancellationToken)));

    internal static async Task<Results<Created<SegmentResponse>, ValidationProblem>> Create(
        SegmentRequest request, AudienceService.AudienceServiceClient audience, CancellationToken cancellationToken)
    {
        var shape = new ContentShape();
        shape.Require("key", request.Key, "lower-case letters, digits and '-'");
        shape.Require("expression", request.Expression, ExpressionHint);
        if (shape.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(shape.Errors);
        }

        var created = FromGrpc(await audience.CreateSegmentAsync(new Segment { Key = request.Key!, Expression = request.Expression! },
            cancellationToken: cancellationToken));
        return TypedResults.Created($"/v1/segments/{Uri.EscapeDataString(created.Key)}", created);
    }

    internal static async Task<Results<Ok<SegmentResponse>, ValidationProblem>> Update(
        string key, SegmentRequest request, AudienceService.AudienceServiceClient audience, CancellationToken cancellationToken)
    {
        var shape = new ContentShape();
        shape.SameAsRoute("key", request.Key, key);
        shape.Require("expression", request.Expression, ExpressionHint);
        if (request.Version is < 1)
        {
            shape.Errors["version"] = ["must be the version read (1 or more), or absent to replace whatever is current"];
        }

        if (shape.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(shape.Errors);
        }

        var command = new Segment { Key = key, Expression = request.Expression!, Version = request.Version ?? 0 };
        return TypedResults.Ok(FromGrpc(await audience.UpdateSegmentAsync(command, cancellationToken: cancellationToken)));
    }

    private static SegmentResponse FromGrpc(Segment segment) =>
        new(segment.Key, segment.Expression, segment.Version, segment.UpdatedAt?.ToDateTimeOffset() ?? default);
}
