using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Tiering.Events;
using Platform.Tiering.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>The tier table in memory: every PUT is accepted as the next version (Tiering's own rules are its tests' business).</summary>
public sealed class FakeTierConfigService(StateChanges changes) : TierConfigService.TierConfigServiceBase
{
    private readonly Lock gate = new();
    private TierTableReply current = new()
    {
        Version = 1, WindowDays = 20, DowngradeBelow = new Amount { Nanos = 900_000_000 }, NearNextTier = new Amount { Nanos = 900_000_000 },
        Minimums = { new[] { 0L, 10_000, 50_000, 200_000, 1_000_000, 5_000_000, 10_000_000 }.Select(units => new Amount { Units = units, Nanos = units == 0 ? 10_000_000 : 0 }) },
        CreatedAt = Timestamp.FromDateTimeOffset(FakeTieringService.Since),
    };

    /// <summary>The last PUT, as the gateway sent it.</summary>
    public PutTierTableRequest? LastPut { get; private set; }

    public override Task<TierTableReply> GetTierTable(GetTierTableRequest request, ServerCallContext context)
    {
        lock (gate)
        {
            return Task.FromResult(current);
        }
    }

    public override Task<TierTableReply> PutTierTable(PutTierTableRequest request, ServerCallContext context)
    {
        lock (gate)
        {
            LastPut = request;
            current = new TierTableReply
            {
                Version = current.Version + 1, Minimums = { request.Minimums }, WindowDays = request.WindowDays, DowngradeBelow = request.DowngradeBelow,
                NearNextTier = request.NearNextTier, CreatedAt = Timestamp.FromDateTimeOffset(FakeTieringService.Since),
            };
            changes.Add();
            return Task.FromResult(current);
        }
    }
}
