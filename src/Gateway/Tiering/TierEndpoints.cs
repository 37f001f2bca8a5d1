using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Auth;
using Platform.Tiering.Grpc;
using Platform.Messaging.Envelope;

namespace Platform.Gateway.Tiering;

/// <summary>The tier routes of API.md: a client's tier and its history.</summary>
internal static class TierEndpoints
{
    public static IHostApplicationBuilder AddTiering(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, TierJsonContext.Default));
        return builder;
    }

    public static RouteGroupBuilder MapTiering(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/clients/{clientId}")
            .WithTags("Tiering")
            .RequireAuthorization(GatewayPolicies.AnyRole)
            .RequireOwnClient()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/tier", GetTier)
            .WithName("GetClientTier")
            .WithSummary("The client's tier, journey, average daily assets and how far the next tier is");
        group.MapGet("/tier/history", GetHistory)
            .WithName("GetClientTierHistory")
            .WithSummary("Every tier change of the client: from, to, reason, when");
        return group;
    }

    internal static async Task<Ok<TierResponse>> GetTier(string clientId, TieringService.TieringServiceClient tiering, CancellationToken cancellationToken)
    {
        var reply = await tiering.GetTierAsync(new GetTierRequest { ClientId = clientId }, cancellationToken: cancellationToken);
        return TypedResults.Ok(new TierResponse(
            reply.Tier,
            reply.Journey,
            reply.AverageDailyAssets.ToDecimal(),
            reply.NextTier.Length == 0 ? null : reply.NextTier,
            reply.AmountToNextTier is null ? null : reply.AmountToNextTier.ToDecimal(),
            reply.Since.ToDateTimeOffset(),
            reply.DowngradeWarning is { } warning ? new DowngradeWarningResponse(warning.IssuedAt.ToDateTimeOffset(), warning.ReviewAt.ToDateTimeOffset()) : null));
    }

    internal static async Task<Ok<TierChangeResponse[]>> GetHistory(string clientId, TieringService.TieringServiceClient tiering,
        CancellationToken cancellationToken)
    {
        var reply = await tiering.GetTierHistoryAsync(new GetTierRequest { ClientId = clientId }, cancellationToken: cancellationToken);
        return TypedResults.Ok(reply.Entries.Select(e => new TierChangeResponse(e.FromTier, e.ToTier, e.Reason, e.At.ToDateTimeOffset())).ToArray());
    }
}

internal sealed record TierResponse(
    string Tier, string Journey, decimal AverageDailyAssets, string? NextTier, decimal? AmountToNextTier, DateTimeOffset Since,
    DowngradeWarningResponse? DowngradeWarning);

internal sealed record DowngradeWarningResponse(DateTimeOffset IssuedAt, DateTimeOffset ReviewAt);

internal sealed record TierChangeResponse(string From, string To, string Reason, DateTimeOffset At);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TierResponse))]
[JsonSerializable(typeof(TierChangeResponse[]))]
[JsonSerializable(typeof(PutTierTableRequest))]
[JsonSerializable(typeof(TierTableResponse))]
[JsonSerializable(typeof(ClientBenefitResponse[]))]
[JsonSerializable(typeof(RedeemBenefitRequest))]
[JsonSerializable(typeof(RedemptionResponse))]
[JsonSerializable(typeof(BenefitRequest))]
[JsonSerializable(typeof(BenefitResponse))]
[JsonSerializable(typeof(BenefitResponse[]))]
internal sealed partial class TierJsonContext : JsonSerializerContext;
