using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Auth;
using Platform.Tiering.Grpc;

namespace Platform.Gateway.Tiering;

/// <summary>Operators' benefit catalogue: GET|POST|PUT /v1/benefits. Tiering checks the values and names the fields it refuses.</summary>
internal static class BenefitCatalogEndpoints
{
    public static RouteGroupBuilder MapBenefitCatalog(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/benefits")
            .WithTags("Tiering")
            .RequireAuthorization(GatewayPolicies.Operator)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("", List).WithName("ListBenefits").WithSummary("Every benefit, retired ones included, by minimum tier");
        group.MapGet("/{benefitId}", Get).WithName("GetBenefit").WithSummary("One benefit").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("", Create).WithName("CreateBenefit").WithSummary("Adds a benefit")
            .WithDescription("kind: product | service | privilege; minTier: V0..V7; quota: null (no limit) or {count >= 0, period: month | quarter | year}, "
                + "calendar periods in Asia/Shanghai; active defaults to true. 409 when the benefitId is taken.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{benefitId}", Update).WithName("UpdateBenefit").WithSummary("Replaces a benefit's definition")
            .WithDescription("Clients see the change in their lists at once; redemptions made before it stay. active false retires the benefit.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    internal static async Task<Ok<BenefitResponse[]>> List(BenefitCatalogService.BenefitCatalogServiceClient catalog, CancellationToken cancellationToken) =>
        TypedResults.Ok((await catalog.ListBenefitsAsync(new ListBenefitsRequest(), cancellationToken: cancellationToken)).Benefits.Select(FromGrpc).ToArray());

    internal static async Task<Ok<BenefitResponse>> Get(string benefitId, BenefitCatalogService.BenefitCatalogServiceClient catalog,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(FromGrpc(await catalog.GetBenefitAsync(new GetBenefitRequest { BenefitId = benefitId }, cancellationToken: cancellationToken)));

    internal static async Task<Results<Created<BenefitResponse>, ValidationProblem>> Create(
        BenefitRequest request, BenefitCatalogService.BenefitCatalogServiceClient catalog, CancellationToken cancellationToken)
    {
        var errors = Validate(request, requireId: true);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var created = FromGrpc(await catalog.CreateBenefitAsync(ToGrpc(request, request.BenefitId!), cancellationToken: cancellationToken));
        return TypedResults.Created($"/v1/benefits/{created.BenefitId}", created);
    }

    internal static async Task<Results<Ok<BenefitResponse>, ValidationProblem>> Update(
        string benefitId, BenefitRequest request, BenefitCatalogService.BenefitCatalogServiceClient catalog, CancellationToken cancellationToken)
    {
        var errors = Validate(request, requireId: false);
        if (request.BenefitId is { } bodyId && bodyId != benefitId)
        {
            errors["benefitId"] = ["differs from the route's; a benefit's id cannot change"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(FromGrpc(await catalog.UpdateBenefitAsync(ToGrpc(request, benefitId), cancellationToken: cancellationToken)));
    }

    /// <summary>Presence only; the values (kinds, tiers, ranges) are Tiering's to check.</summary>
    private static Dictionary<string, string[]> Validate(BenefitRequest request, bool requireId)
    {
        var errors = new Dictionary<string, string[]>();
        void Require(string field, object? value, string what)
        {
            if (value is null)
            {
                errors[field] = [$"is required ({what})"];
            }
        }

        if (requireId)
        {
            Require("benefitId", request.BenefitId, "lower-case letters, digits and '-'");
        }

        Require("name", request.Name, "shown to clients");
        Require("kind", request.Kind, "product, service or privilege");
        Require("minTier", request.MinTier, "V0..V7");
        if (request.Quota is { } quota)
        {
            Require("quota.count", quota.Count, "redemptions per period, 0 or more");
            Require("quota.period", quota.Period, "month, quarter or year");
        }

        return errors;
    }

    private static BenefitDefinition ToGrpc(BenefitRequest request, string benefitId) => new()
    {
        BenefitId = benefitId, Name = request.Name!, Kind = request.Kind!, MinTier = request.MinTier!, Active = request.Active ?? true,
        Quota = request.Quota is { } quota ? new Quota { Count = quota.Count!.Value, Period = quota.Period! } : null,
    };

    private static BenefitResponse FromGrpc(BenefitDefinition benefit) => new(
        benefit.BenefitId, benefit.Name, benefit.Kind, benefit.MinTier, FromGrpc(benefit.Quota), benefit.Active, benefit.Version,
        benefit.UpdatedAt.ToDateTimeOffset());

    internal static QuotaResponse? FromGrpc(Quota? quota) => quota is null ? null : new QuotaResponse(quota.Count, quota.Period);
}

/// <summary>POST /v1/benefits and PUT /v1/benefits/{benefitId}: the whole definition.</summary>
public sealed class BenefitRequest
{
    public string? BenefitId { get; init; }

    public string? Name { get; init; }

    public string? Kind { get; init; }

    public string? MinTier { get; init; }

    /// <summary>Null or absent: no limit.</summary>
    public BenefitQuotaRequest? Quota { get; init; }

    public bool? Active { get; init; }
}

public sealed class BenefitQuotaRequest
{
    public int? Count { get; init; }

    public string? Period { get; init; }
}

internal sealed record QuotaResponse(int Count, string Period);

internal sealed record BenefitResponse(
    string BenefitId, string Name, string Kind, string MinTier, QuotaResponse? Quota, bool Active, int Version, DateTimeOffset UpdatedAt);
