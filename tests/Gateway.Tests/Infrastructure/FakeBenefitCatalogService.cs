using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Tiering.Grpc;

namespace Platform.Gateway.Tests.Infrastructure;

/// <summary>The benefit catalogue in memory: creating a taken id is AlreadyExists, changing an unknown one NotFound. An id's prefix picks a misbehaviour.</summary>
public sealed class FakeBenefitCatalogService(StateChanges changes) : BenefitCatalogService.BenefitCatalogServiceBase
{
    private readonly ConcurrentDictionary<string, BenefitDefinition> benefits = new(StringComparer.Ordinal)
    {
        ["fee-waiver"] = Definition("fee-waiver", "V2", new Quota { Count = 2, Period = "year" }),
    };

    public static BenefitDefinition Definition(string benefitId, string minTier, Quota? quota) => new()
    {
        BenefitId = benefitId, Name = benefitId, Kind = "service", MinTier = minTier, Quota = quota, Active = true, Version = 1,
        UpdatedAt = Timestamp.FromDateTimeOffset(FakeTieringService.Since),
    };

    public override Task<BenefitCatalog> ListBenefits(ListBenefitsRequest request, ServerCallContext context) =>
        Task.FromResult(new BenefitCatalog { Benefits = { benefits.Values.OrderBy(b => b.BenefitId, StringComparer.Ordinal) } });

    public override async Task<BenefitDefinition> GetBenefit(GetBenefitRequest request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.BenefitId, 1, context);
        return benefits.TryGetValue(request.BenefitId, out var benefit) ? benefit : throw new RpcException(new Status(StatusCode.NotFound, "No such benefit."));
    }

    public override async Task<BenefitDefinition> CreateBenefit(BenefitDefinition request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.BenefitId, 1, context);
        var created = new BenefitDefinition(request) { Version = 1, UpdatedAt = Timestamp.FromDateTimeOffset(FakeTieringService.Since) };
        if (!benefits.TryAdd(request.BenefitId, created))
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, "The benefit id is taken."));
        }

        changes.Add();
        return created;
    }

    public override async Task<BenefitDefinition> UpdateBenefit(BenefitDefinition request, ServerCallContext context)
    {
        await FakeOnboardingService.Misbehave(request.BenefitId, 1, context);
        if (!benefits.TryGetValue(request.BenefitId, out var current))
        {
            throw new RpcException(new Status(StatusCode.NotFound, "No such benefit."));
        }

        var updated = new BenefitDefinition(request) { Version = current.Version + 1, UpdatedAt = current.UpdatedAt };
        benefits[request.BenefitId] = updated;
        changes.Add();
        return updated;
    }
}
