using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Engagement.Privacy.Grpc;
using Platform.Gateway.Auth;

namespace Platform.Gateway.Privacy;

/// <summary>Erasure (API.md "Privacy"): DELETE /v1/clients/{clientId}, operators only.</summary>
internal static class PrivacyEndpoints
{
    public static RouteHandlerBuilder MapPrivacy(this IEndpointRouteBuilder routes) =>
        routes.MapDelete("/v1/clients/{clientId}", Erase)
            .WithTags("Privacy")
            .RequireAuthorization(GatewayPolicies.Operator)
            .WithName("EraseClient")
            .WithSummary("Erases the client's data in every service")
            .WithDescription("Accepted: Engagement records the request and publishes ClientErased, which each service applies on its own "
                + "(deleting or anonymising what it holds; aggregate report counts stay). Afterwards the client's data routes answer 404, "
                + "steps recorded for it are refused with 404, and no outreach is decided for it. A second request is accepted and changes nothing.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    internal static async Task<Accepted> Erase(string clientId, PrivacyService.PrivacyServiceClient privacy, CancellationToken cancellationToken)
    {
        await privacy.EraseClientAsync(new EraseClientRequest { ClientId = clientId }, cancellationToken: cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
