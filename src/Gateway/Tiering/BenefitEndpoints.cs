using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Auth;
using Platform.Tiering.Grpc;

namespace Platform.Gateway.Tiering;

/// <summary>A client's benefits and redemptions (API.md, Tiering).</summary>
internal static class BenefitEndpoints
{
    public static RouteGroupBuilder MapBenefits(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/clients/{clientId}/benefits")
            .WithTags("Tiering")
            .RequireOwnClient()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("", List)
            .RequireAuthorization(GatewayPolicies.AnyRole)
            .WithName("GetClientBenefits")
            .WithSummary("Every benefit on offer, with what the client used this period and whether it may redeem it now");
        group.MapPost("/{benefitId}/redemptions", Redeem)
            .RequireAuthorization(GatewayPolicies.ClientOrSystem)
            .WithName("RedeemBenefit")
            .WithSummary("Redeems a benefit, idempotently on redemptionKey")
            .WithDescription("201 with the new redemption; the same redemptionKey again answers 200 with the first redemption and changes nothing. "
                + "403 when the client's tier is below the benefit's minimum (also after a downgrade), 409 when the quota of the period is used up "
                + "or the key was used for another benefit.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    internal static async Task<Ok<ClientBenefitResponse[]>> List(string clientId, BenefitsService.BenefitsServiceClient benefits,
        CancellationToken cancellationToken)
    {
        var reply = await benefits.ListClientBenefitsAsync(new ListClientBenefitsRequest { ClientId = clientId }, cancellationToken: cancellationToken);
        return TypedResults.Ok(reply.Benefits.Select(b => new ClientBenefitResponse(
            b.Benefit.BenefitId, b.Benefit.Name, b.Benefit.Kind, b.Benefit.MinTier, BenefitCatalogEndpoints.FromGrpc(b.Benefit.Quota), b.Used, b.Available,
            b.Benefit.Quota is null ? null : b.Remaining,
            b.UnavailableReason.Length == 0 ? null : b.UnavailableReason,
            b.PeriodEnds?.ToDateTimeOffset())).ToArray());
    }

    internal static async Task<Results<Created<RedemptionResponse>, Ok<RedemptionResponse>, ValidationProblem>> Redeem(
        string clientId, string benefitId, RedeemBenefitRequest request, BenefitsService.BenefitsServiceClient benefits, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RedemptionKey))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["redemptionKey"] = ["is required: a key of the caller's choosing, the same for every retry of one redemption"],
            });
        }

        var reply = await benefits.RedeemAsync(new RedeemRequest { ClientId = clientId, BenefitId = benefitId, RedemptionKey = request.RedemptionKey },
            cancellationToken: cancellationToken);
        var redemption = reply.Redemption;
        var response = new RedemptionResponse(redemption.RedemptionId, redemption.ClientId, redemption.BenefitId, redemption.RedemptionKey, redemption.Tier,
            redemption.RedeemedAt.ToDateTimeOffset(), reply.Used, reply.HasQuota ? reply.Remaining : null, reply.Duplicate);
        return reply.Duplicate ? TypedResults.Ok(response) : TypedResults.Created((string?)null, response);
    }
}

/// <summary>POST /v1/clients/{clientId}/benefits/{benefitId}/redemptions.</summary>
public sealed class RedeemBenefitRequest
{
    /// <summary>Chosen by the caller, at most 100 characters; the same key is the same redemption.</summary>
    public string? RedemptionKey { get; init; }
}

internal sealed record ClientBenefitResponse(
    string BenefitId, string Name, string Kind, string MinTier, QuotaResponse? Quota, int Used, bool Available, int? Remaining,
    string? UnavailableReason, DateTimeOffset? PeriodEnds);

internal sealed record RedemptionResponse(
    string RedemptionId, string ClientId, string BenefitId, string RedemptionKey, string Tier, DateTimeOffset RedeemedAt, int Used, int? Remaining,
    bool Duplicate);
