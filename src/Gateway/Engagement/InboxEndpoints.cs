using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Engagement.Grpc;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Engagement;

/// <summary>The client's in-app inbox: GET /v1/clients/{clientId}/inbox, POST .../inbox/{messageId}/read (API.md, Engagement).</summary>
internal static class InboxEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapInbox(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEngagementGroup("/v1/clients/{clientId}/inbox", GatewayPolicies.ClientOrOperator).RequireOwnClient();
        group.MapGet("", List)
            .WithName("GetClientInbox")
            .WithSummary("The client's message centre, newest first: every outreach sent to it on any channel but an advisor task")
            .WithDescription("Role client (its own id only) or operator. A client nothing was sent to has an empty inbox.")
            .ProducesValidationProblem();
        group.MapPost("/{messageId}/read", MarkRead)
            .WithName("MarkInboxMessageRead")
            .WithSummary("Marks a message read; idempotent (the first read time stays)")
            .WithDescription("404 when the client has no such message.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Results<Ok<InboxResponse>, ValidationProblem>> List(
        string clientId,
        [Description("How many messages at most, 1..200; absent: 50.")] int? limit,
        InboxService.InboxServiceClient inbox,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be between 1 and {MaxLimit}"] });
        }

        var reply = await inbox.ListInboxAsync(new ListInboxRequest { ClientId = clientId, Limit = limit ?? DefaultLimit }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new InboxResponse([.. reply.Items.Select(m => new InboxMessageResponse(
            m.MessageId, m.Moment, m.Title, m.Body, m.CreatedAt.ToDateTimeOffset(), m.ReadAt?.ToDateTimeOffset()))]));
    }

    internal static async Task<Results<NoContent, ValidationProblem>> MarkRead(
        string clientId, string messageId, InboxService.InboxServiceClient inbox, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(messageId, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["messageId"] = ["must be a message id (a UUID)"] });
        }

        await inbox.MarkReadAsync(new MarkReadRequest { ClientId = clientId, MessageId = messageId }, cancellationToken: cancellationToken);
        return TypedResults.NoContent();
    }
}
