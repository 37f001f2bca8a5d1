using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Content.Grpc;

namespace Platform.Gateway.Content;

/// <summary>Operators' tags on a client: GET|PUT /v1/clients/{clientId}/tags (API.md, Content).</summary>
internal static class ClientTagEndpoints
{
    public static RouteGroupBuilder MapClientTags(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapContentGroup("/v1/clients/{clientId}/tags");

        group.MapGet("", Get).WithName("GetClientTags").WithSummary("The tags operators set on the client (empty for a client nobody tagged)")
            .ProducesValidationProblem();
        group.MapPut("", Put).WithName("PutClientTags").WithSummary("Replaces the client's operator tags")
            .WithDescription("namespace:value in lower case: age, region, style, horizon, interest. Tags the profile derives (risk:, tier:, stage:, "
                + "channel:, campaign:) cannot be set, and an unknown namespace or value is a 400 naming the tag (tags[i]). The answer is "
                + "the stored set, sorted and without duplicates; the client's cached feed is invalidated.")
            .ProducesValidationProblem();
        return group;
    }

    internal static async Task<Ok<ClientTagsResponse>> Get(string clientId, AudienceService.AudienceServiceClient audience, CancellationToken cancellationToken)
    {
        var reply = await audience.GetClientTagsAsync(new ClientTagsRequest { ClientId = clientId }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new ClientTagsResponse([.. reply.Tags]));
    }

    internal static async Task<Results<Ok<ClientTagsResponse>, ValidationProblem>> Put(
        string clientId, PutClientTagsRequest request, AudienceService.AudienceServiceClient audience, CancellationToken cancellationToken)
    {
        var shape = new ContentShape();
        shape.Require("tags", request.Tags, "the whole set; [] removes every operator tag");
        shape.NoNullElements("tags", request.Tags);
        if (shape.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(shape.Errors);
        }

        var reply = await audience.SetClientTagsAsync(new ClientTags { ClientId = clientId, Tags = { request.Tags! } }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new ClientTagsResponse([.. reply.Tags]));
    }
}
