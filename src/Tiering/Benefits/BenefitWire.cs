using Google.Protobuf.WellKnownTypes;
using Platform.Tiering.Grpc;

namespace Platform.Tiering.Benefits;

/// <summary>Benefits between the domain and the gRPC messages.</summary>
public static class BenefitWire
{
    public static BenefitDefinition ToDefinition(this Benefit benefit) => new()
    {
        BenefitId = benefit.BenefitId, Name = benefit.Name, Kind = WireNames.Of(benefit.Kind), MinTier = benefit.MinTier.ToString(),
        Quota = benefit.Quota is { } quota ? new Grpc.Quota { Count = quota.Count, Period = WireNames.Of(quota.Period) } : null,
        Active = benefit.Active, Version = benefit.Version, UpdatedAt = Timestamp.FromDateTimeOffset(benefit.UpdatedAt),
    };

    /// <summary>A definition this service wrote (a cached copy): its values are known to parse.</summary>
    public static (Tiers.Tier MinTier, BenefitQuota? Quota) RulesOf(BenefitDefinition definition)
    {
        Tiers.TierCatalog.TryParse(definition.MinTier, out var minTier);
        BenefitQuota? quota = null;
        if (definition.Quota is { } wire && WireNames.TryParse<QuotaPeriod>(wire.Period, out var period))
        {
            quota = new BenefitQuota(wire.Count, period);
        }

        return (minTier, quota);
    }

    public static BenefitSpec? ToSpec(BenefitDefinition definition, out Dictionary<string, string[]> errors)
    {
        (int, string)? quota = definition.Quota is { } q ? (q.Count, q.Period) : null;
        (var spec, errors) = BenefitSpec.Parse(definition.BenefitId, definition.Name, definition.Kind, definition.MinTier, quota, definition.Active);
        return spec;
    }
}
