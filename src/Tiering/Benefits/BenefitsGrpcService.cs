using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Grpc;
using Platform.ServiceDefaults.Validation;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Benefits;

/// <summary>A client's benefits and redemptions; the refusals carry a detail the gateway shows the caller.</summary>
public sealed class BenefitsGrpcService(ClientBenefitsReader reader, BenefitRedeemer redeemer) : BenefitsService.BenefitsServiceBase
{
    public override async Task<ClientBenefitsReply> ListClientBenefits(ListClientBenefitsRequest request, ServerCallContext context)
    {
        TierGrpcService.RequireClientId(request.ClientId);
        context.EnsureMayActFor(request.ClientId);
        return await reader.ReadAsync(request.ClientId, context.CancellationToken) ?? throw TierGrpcService.NotFound();
    }

    [Authorize(Roles = CallerRoles.Client + "," + CallerRoles.System)]
    public override async Task<RedemptionReply> Redeem(RedeemRequest request, ServerCallContext context)
    {
        TierGrpcService.RequireClientId(request.ClientId);
        context.EnsureMayActFor(request.ClientId);
        // Storable too: a NUL (which PostgreSQL's text cannot hold) failed the lookup by key itself, a 500.
        if (StorableText.Check(request.RedemptionKey, BenefitRedeemer.MaxKeyLength, required: true) is { } invalidKey)
        {
            throw GrpcFieldErrors.InvalidArgument("redemptionKey", invalidKey);
        }

        var result = await redeemer.RedeemAsync(request.ClientId, request.BenefitId, request.RedemptionKey, context.CancellationToken);
        return result.Outcome switch
        {
            RedemptionOutcome.Redeemed or RedemptionOutcome.Duplicate => ToReply(result),
            RedemptionOutcome.UnknownClient => throw TierGrpcService.NotFound(),
            RedemptionOutcome.UnknownBenefit => throw new RpcException(new Status(StatusCode.NotFound, $"There is no benefit '{request.BenefitId}' on offer.")),
            RedemptionOutcome.TierTooLow => throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"This benefit needs tier {result.Benefit!.MinTier} or above; the client is {result.ClientTier}.")),
            RedemptionOutcome.QuotaUsed => throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"The quota of {result.Benefit!.Quota!.Count} per {WireNames.Of(result.Benefit.Quota.Period)} is used up; "
                + $"it renews on {result.Standing!.PeriodEnds:yyyy-MM-dd}.")),
            _ => throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"This redemptionKey was used for benefit '{result.Redemption!.BenefitId}'; use a new key for another redemption.")),
        };
    }

    private static RedemptionReply ToReply(RedemptionResult result)
    {
        var redemption = result.Redemption!;
        var standing = result.Standing!;
        return new RedemptionReply
        {
            Redemption = new Redemption
            {
                RedemptionId = redemption.RedemptionId.ToString(), ClientId = redemption.ClientId, BenefitId = redemption.BenefitId,
                RedemptionKey = redemption.RedemptionKey, Tier = redemption.Tier.ToString(), RedeemedAt = Timestamp.FromDateTimeOffset(redemption.RedeemedAt),
            },
            Duplicate = result.Outcome == RedemptionOutcome.Duplicate,
            Used = standing.Used,
            HasQuota = standing.Remaining is not null,
            Remaining = standing.Remaining ?? 0,
        };
    }
}
