using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Tiering.Events;
using Platform.Tiering.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>Every client is a V3 with an ADA of 61234.50 and one upgrade in its history.</summary>
public sealed class FakeTieringService : TieringService.TieringServiceBase
{
    public static readonly DateTimeOffset Since = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    public override async Task<TierReply> GetTier(GetTierRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.ClientId, 1, context);
        return new TierReply
        {
            ClientId = request.ClientId, Tier = "V3", Journey = "dream_builder", AverageDailyAssets = new Amount { Units = 61234, Nanos = 500_000_000 },
            NextTier = "V4", AmountToNextTier = new Amount { Units = 138765, Nanos = 500_000_000 }, Since = Timestamp.FromDateTimeOffset(Since),
        };
    }

    public override async Task<TierHistoryReply> GetTierHistory(GetTierRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.ClientId, 1, context);
        return new TierHistoryReply
        {
            Entries = { new TierHistoryEntry { FromTier = "V2", ToTier = "V3", Reason = "upgrade", At = Timestamp.FromDateTimeOffset(Since) } },
        };
    }
}
