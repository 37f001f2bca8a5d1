using Platform.Tiering.Tiers;

namespace Platform.Tiering.Benefits;

/// <summary>What a benefit is: a product (e.g. a commission discount), a service or a privilege.</summary>
public enum BenefitKind
{
    Product,
    Service,
    Privilege,
}

/// <summary>The calendar period a quota counts over, in Asia/Shanghai.</summary>
public enum QuotaPeriod
{
    Month,
    Quarter,
    Year,
}

/// <summary>At most <see cref="Count"/> redemptions per client in each calendar <see cref="Period"/>.</summary>
public sealed record BenefitQuota(int Count, QuotaPeriod Period);

/// <summary>
/// A benefit of the catalogue operators manage. A client of <see cref="MinTier"/> or above may
/// redeem it (granted on entry to the tier, withdrawn after a downgrade below it), within the
/// quota when it has one. Retired benefits (<see cref="Active"/> false) stay for the redemptions
/// that refer to them.
/// </summary>
public sealed class Benefit
{
    private Benefit()
    {
    }

    public required string BenefitId { get; init; }

    public string Name { get; private set; } = "";

    public BenefitKind Kind { get; private set; }

    public Tier MinTier { get; private set; }

    public int? QuotaCount { get; private set; }

    public QuotaPeriod? QuotaPeriod { get; private set; }

    public BenefitQuota? Quota => QuotaCount is { } count && QuotaPeriod is { } period ? new(count, period) : null;

    public bool Active { get; private set; }

    /// <summary>1 on creation, one more per change.</summary>
    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Benefit Create(BenefitSpec spec, DateTimeOffset at)
    {
        var benefit = new Benefit { BenefitId = spec.BenefitId };
        benefit.Apply(spec, at);
        return benefit;
    }

    /// <summary>Replaces the whole definition (PUT).</summary>
    public void Update(BenefitSpec spec, DateTimeOffset at) => Apply(spec, at);

    private void Apply(BenefitSpec spec, DateTimeOffset at)
    {
        (Name, Kind, MinTier, Active) = (spec.Name, spec.Kind, spec.MinTier, spec.Active);
        (QuotaCount, QuotaPeriod) = (spec.Quota?.Count, spec.Quota?.Period);
        Version++;
        UpdatedAt = at;
    }
}

/// <summary>One redemption, kept for good; the key makes a retried request find it instead of redeeming twice.</summary>
public sealed class BenefitRedemption
{
    public Guid RedemptionId { get; init; }

    public required string ClientId { get; init; }

    public required string BenefitId { get; init; }

    public required string RedemptionKey { get; init; }

    public Tier Tier { get; init; }

    public DateTimeOffset RedeemedAt { get; init; }

    /// <summary>The Shanghai day of <see cref="RedeemedAt"/>: quotas count calendar periods of these.</summary>
    public DateOnly RedeemedOn { get; init; }
}
