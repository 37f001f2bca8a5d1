using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Auth;
using Platform.Content.Grpc;

namespace Platform.Gateway.Content;

/// <summary>POST /v1/content/conversions: an experiment's goal event, from the client app (its own id) or a core system.</summary>
internal static class ConversionEndpoints
{
    public static RouteGroupBuilder MapConversions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapContentGroup("/v1/content/conversions", GatewayPolicies.ClientOrSystem);
        group.MapPost("", Record).WithName("RecordConversion").WithSummary("Records a conversion of an experiment")
            .WithDescription("Idempotent per client, experiment and eventId: the same again with the same occurredAt answers duplicate: true, with "
                + "another occurredAt 409; one eventId may be the goal of several experiments, each counting it. Counted once per client, when the "
                + "client was exposed and the conversion falls within the window after its first exposure and not after the experiment's stop; one "
                + "that can never count (no exposure yet, not dated ahead) answers counted: false and is not kept. A client app's conversion counts at "
                + "the time Content receives it (a device clock is not trusted), a core system's at its occurredAt; an occurredAt more than the clock "
                + "skew (5 minutes) ahead is a 400. A client may report only its own conversions. 404 for an unknown experiment.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Results<Accepted<ConversionResponse>, ValidationProblem, ForbidHttpResult>> Record(
        Microsoft.AspNetCore.Http.HttpContext http, ConversionRequest request, ConversionService.ConversionServiceClient conversions, CancellationToken cancellationToken)
    {
        var shape = new ContentShape();
        shape.Require("eventId", request.EventId, "a UUID chosen by the caller");
        shape.Require("clientId", request.ClientId, "the converting client");
        shape.Require("experimentKey", request.ExperimentKey, "the experiment");
        shape.Require("occurredAt", request.OccurredAt, "when the goal event happened, with its offset");
        if (shape.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(shape.Errors);
        }

        if (http.User.IsClientOnly() && !string.Equals(http.User.Subject(), request.ClientId, StringComparison.Ordinal))
        {
            return TypedResults.Forbid();
        }

        var reply = await conversions.RecordConversionAsync(new Platform.Content.Grpc.ConversionRequest
        {
            EventId = request.EventId!, ClientId = request.ClientId!, ExperimentKey = request.ExperimentKey!,
            OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(request.OccurredAt!.Value),
        }, cancellationToken: cancellationToken);
        return TypedResults.Accepted((string?)null, new ConversionResponse(reply.Duplicate, reply.Counted));
    }
}
