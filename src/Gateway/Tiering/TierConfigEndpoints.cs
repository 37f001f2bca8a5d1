using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Auth;
using Platform.Gateway.CoreActivity;
using Platform.Messaging.Envelope;
using Platform.Tiering.Grpc;
using Amount = Platform.Tiering.Events.Amount;

namespace Platform.Gateway.Tiering;

/// <summary>Operators' tier table: GET|PUT /v1/config/tiers (API.md, Tiering). Tiering checks the table's rules and names the field it refuses.</summary>
internal static class TierConfigEndpoints
{
    private static readonly string[] TierNames = ["V1", "V2", "V3", "V4", "V5", "V6", "V7"];

    // The decimals Tiering stores (numeric(20,2) minimums, numeric(5,4) shares): more would be rounded away.
    private const int MoneyDecimals = 2;
    private const int ShareDecimals = 4;

    public static RouteGroupBuilder MapTierConfig(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/config/tiers")
            .WithTags("Tiering")
            .RequireAuthorization(GatewayPolicies.Operator)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("", GetTable).WithName("GetTierTable").WithSummary("The current tier table: minimum ADA of V1..V7, window, hysteresis");
        group.MapPut("", PutTable).WithName("PutTierTable").WithSummary("Stores a new version of the tier table")
            .WithDescription("Takes effect without a restart: every client is recalculated against it (upgrades at once, downgrades only "
                + "at reviews). Thresholds must be above zero and strictly increasing from V1 to V7.");
        return group;
    }

    internal static async Task<Ok<TierTableResponse>> GetTable(TierConfigService.TierConfigServiceClient config, CancellationToken cancellationToken) =>
        TypedResults.Ok(FromGrpc(await config.GetTierTableAsync(new GetTierTableRequest(), cancellationToken: cancellationToken)));

    internal static async Task<Results<Ok<TierTableResponse>, ValidationProblem>> PutTable(
        PutTierTableRequest request, TierConfigService.TierConfigServiceClient config, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var command = new Platform.Tiering.Grpc.PutTierTableRequest
        {
            WindowDays = request.WindowDays!.Value, DowngradeBelow = request.Hysteresis!.Value.ToExact<Amount>(), NearNextTier = request.NearNextTier!.Value.ToExact<Amount>(),
        };
        command.Minimums.AddRange(TierNames.Select(tier => request.Thresholds![tier].ToExact<Amount>()));
        return TypedResults.Ok(FromGrpc(await config.PutTierTableAsync(command, cancellationToken: cancellationToken)));
    }

    /// <summary>The shape of the request; the table's own rules (increasing, ranges) are Tiering's.</summary>
    private static Dictionary<string, string[]> Validate(PutTierTableRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Thresholds is not { } thresholds)
        {
            errors["thresholds"] = [$"is required: the minimum ADA (CNY) of each of {string.Join(", ", TierNames)}"];
        }
        else
        {
            foreach (var unknown in thresholds.Keys.Except(TierNames, StringComparer.Ordinal))
            {
                errors[$"thresholds.{unknown}"] = [$"unknown tier; allowed: {string.Join(", ", TierNames)}"];
            }

            foreach (var missing in TierNames.Except(thresholds.Keys, StringComparer.Ordinal))
            {
                errors[$"thresholds.{missing}"] = ["is required"];
            }

            foreach (var (tier, minimum) in thresholds.Where(t => t.Value is < 0 or > ActivityValidator.MaxMoney))
            {
                errors[$"thresholds.{tier}"] = [$"must be between 0 and {ActivityValidator.MaxMoney}"];
            }

            foreach (var (tier, _) in thresholds.Where(t => !HasAtMost(t.Value, MoneyDecimals)))
            {
                errors[$"thresholds.{tier}"] = [$"must have at most {MoneyDecimals} decimals (CNY as stored; more are not rounded)"];
            }
        }

        if (request.WindowDays is null)
        {
            errors["windowDays"] = ["is required (trading days averaged)"];
        }

        Share(errors, "hysteresis", request.Hysteresis, "share of a tier's minimum below which a review downgrades, e.g. 0.9");
        Share(errors, "nearNextTier", request.NearNextTier, "share of the next tier's minimum from which a client is near it, e.g. 0.9");

        return errors;
    }

    /// <summary>
    /// A share's shape: a number from 0 to 1 with at most 4 decimals, as stored (so it also fits the
    /// wire's units and nanos); which shares Tiering accepts within that range is Tiering's rule.
    /// </summary>
    private static void Share(Dictionary<string, string[]> errors, string field, decimal? value, string what)
    {
        if (value is not { } share)
        {
            errors[field] = [$"is required ({what})"];
        }
        else if (share is < 0 or > 1 || !HasAtMost(share, ShareDecimals))
        {
            errors[field] = [$"must be a share from 0 to 1 with at most {ShareDecimals} decimals ({what})"];
        }
    }

    private static bool HasAtMost(decimal value, int decimals) => decimal.Round(value, decimals) == value;

    private static TierTableResponse FromGrpc(TierTableReply reply) => new(
        reply.Version,
        TierNames.Zip(reply.Minimums).ToDictionary(pair => pair.First, pair => pair.Second.ToDecimal()),
        reply.WindowDays,
        reply.DowngradeBelow.ToDecimal(),
        reply.NearNextTier.ToDecimal(),
        reply.CreatedAt.ToDateTimeOffset());
}

/// <summary>PUT /v1/config/tiers: the minimum ADA (CNY) of V1..V7, the window in trading days, and the two shares.</summary>
public sealed class PutTierTableRequest
{
    public Dictionary<string, decimal>? Thresholds { get; init; }

    public int? WindowDays { get; init; }

    public decimal? Hysteresis { get; init; }

    public decimal? NearNextTier { get; init; }
}

internal sealed record TierTableResponse(
    int Version, Dictionary<string, decimal> Thresholds, int WindowDays, decimal Hysteresis, decimal NearNextTier, DateTimeOffset ChangedAt);
