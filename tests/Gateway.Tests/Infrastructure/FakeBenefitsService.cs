using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Tiering.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>
/// Two benefits for every client (one with a yearly quota of 2, one without), and redemptions
/// idempotent on the client's redemption key. A benefit id's prefix picks a misbehaviour.
/// </summary>
public sealed class FakeBenefitsService(StateChanges changes) : BenefitsService.BenefitsServiceBase
{
    public static readonly DateTimeOffset RedeemedAt = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    private readonly ConcurrentDictionary<(string Client, string Key), Redemption> redemptions = new();

    public override async Task<ClientBenefitsReply> ListClientBenefits(ListClientBenefitsRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.ClientId, 1, context);
        return new ClientBenefitsReply
        {
            ClientId = request.ClientId,
            Tier = "V3",
            Benefits =
            {
                new ClientBenefit
                {
                    Benefit = FakeBenefitCatalogService.Definition("fee-waiver", "V2", new Quota { Count = 2, Period = "year" }),
                    Used = 1, Available = true, Remaining = 1, PeriodEnds = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero)),
                },
                new ClientBenefit
                {
                    Benefit = FakeBenefitCatalogService.Definition("vip-hotline", "V5", quota: null), Available = false, UnavailableReason = "tier_too_low",
                },
            },
        };
    }

    public override async Task<RedemptionReply> Redeem(RedeemRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.BenefitId, 1, context);
        var made = new Redemption
        {
            RedemptionId = Guid.NewGuid().ToString(), ClientId = request.ClientId, BenefitId = request.BenefitId, RedemptionKey = request.RedemptionKey,
            Tier = "V3", RedeemedAt = Timestamp.FromDateTimeOffset(RedeemedAt),
        };
        var redemption = redemptions.GetOrAdd((request.ClientId, request.RedemptionKey), made);
        var duplicate = !ReferenceEquals(redemption, made);
        if (!duplicate)
        {
            changes.Add();
        }

        return new RedemptionReply { Redemption = redemption, Duplicate = duplicate, Used = 1, Remaining = 1, HasQuota = true };
    }
}
