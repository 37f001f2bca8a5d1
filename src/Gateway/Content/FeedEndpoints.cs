using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Content.Grpc;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Content;

/// <summary>What a client sees: GET /v1/clients/{clientId}/feed (API.md, Content).</summary>
internal static class FeedEndpoints
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static RouteGroupBuilder MapFeed(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapContentGroup("/v1/clients/{clientId}/feed", GatewayPolicies.ClientOrOperator).RequireOwnClient();
        group.MapGet("", GetFeed)
            .WithName("GetClientFeed")
            .WithSummary("The client's feed: targeted, suitable, valid now, ranked by priority, rendered")
            .WithDescription("Role client (its own id only) or operator (to see what a client sees; Content allows it). Suitability comes first: "
                + "a product of risk Rn never appears for a client below Cn, and a client without a risk assessment sees no products. "
                + "experiment is null unless the item is served as a variant of a running experiment.")
            .ProducesValidationProblem();
        return group;
    }

    internal static async Task<Results<Ok<FeedResponse>, ValidationProblem>> GetFeed(
        string clientId,
        [Description("How many items at most, 1..100; absent: 20.")] int? limit,
        FeedService.FeedServiceClient feeds,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxLimit}"] });
        }

        var reply = await feeds.GetFeedAsync(new FeedRequest { ClientId = clientId, Limit = limit ?? DefaultLimit }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new FeedResponse([.. reply.Items.Select(item => new FeedItemResponse(
            item.ItemId, item.Kind, item.Title, item.Body, item.Priority,
            item.Experiment is { } arm ? new FeedExperimentResponse(arm.Key, arm.Variant) : null))]));
    }
}
