using Platform.Tiering.Tiers;

namespace Platform.Tiering.Benefits;

/// <summary>Why a client may not redeem a benefit now.</summary>
public static class UnavailableReasons
{
    public const string TierTooLow = "tier_too_low";
    public const string QuotaUsed = "quota_used";
}

/// <summary>
/// Where a client stands with one benefit today: redemptions in the current period (the calendar
/// year for a benefit without quota), what is left, and whether it may redeem now.
/// </summary>
public sealed record BenefitStanding(int Used, int? Remaining, DateOnly? PeriodEnds, string? UnavailableReason)
{
    public bool Available => UnavailableReason is null;

    /// <param name="usedSince">Redemptions of this benefit by the client on or after a Shanghai day.</param>
    /// <summary>Where the period that counts use starts: the quota's calendar period, the calendar year without a quota.</summary>
    public static DateOnly PeriodStartOf(BenefitQuota? quota, DateOnly today) => (quota?.Period ?? QuotaPeriod.Year).StartOf(today);

    public static BenefitStanding Of(Tier minTier, BenefitQuota? quota, Tier tier, DateOnly today, Func<DateOnly, int> usedSince)
    {
        var used = usedSince(PeriodStartOf(quota, today));
        int? remaining = quota is null ? null : Math.Max(0, quota.Count - used);
        var reason = tier < minTier ? UnavailableReasons.TierTooLow
            : remaining == 0 ? UnavailableReasons.QuotaUsed
            : null;
        return new BenefitStanding(used, remaining, quota is null ? null : quota.Period.NextStartAfter(today), reason);
    }
}

public static class QuotaPeriods
{
    /// <summary>The first day of the calendar period containing <paramref name="day"/>.</summary>
    public static DateOnly StartOf(this QuotaPeriod period, DateOnly day) => period switch
    {
        QuotaPeriod.Month => new DateOnly(day.Year, day.Month, 1),
        QuotaPeriod.Quarter => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(day.Year, 1, 1),
    };

    /// <summary>The first day of the next period: when a used-up quota is available again.</summary>
    public static DateOnly NextStartAfter(this QuotaPeriod period, DateOnly day) => period.StartOf(day).AddMonths(period switch
    {
        QuotaPeriod.Month => 1,
        QuotaPeriod.Quarter => 3,
        _ => 12,
    });
}
