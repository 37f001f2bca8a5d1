using Platform.Tiering.Benefits;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Benefits;

public sealed class BenefitStandingTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData(QuotaPeriod.Month, "2026-11-01", "2026-12-01")]
    [InlineData(QuotaPeriod.Quarter, "2026-10-01", "2027-01-01")]
    [InlineData(QuotaPeriod.Year, "2026-01-01", "2027-01-01")]
    public void QuotasCountCalendarPeriods(QuotaPeriod period, string start, string next)
    {
        Assert.Equal(DateOnly.Parse(start), period.StartOf(Today));
        Assert.Equal(DateOnly.Parse(next), period.NextStartAfter(Today));
    }

    [Fact]
    public void TheFirstDayOfAPeriodBelongsToIt()
    {
        Assert.Equal(new DateOnly(2027, 4, 1), QuotaPeriod.Quarter.StartOf(new DateOnly(2027, 4, 1)));
        Assert.Equal(new DateOnly(2027, 1, 1), QuotaPeriod.Quarter.StartOf(new DateOnly(2027, 3, 31)));
    }

    [Fact]
    public void UsageIsCountedFromThePeriodsStartAndTheRestIsWhatTheQuotaLeaves()
    {
        DateOnly? askedFrom = null;
        var standing = BenefitStanding.Of(Tier.V3, new BenefitQuota(2, QuotaPeriod.Quarter), Tier.V4, Today, since => { askedFrom = since; return 1; });

        Assert.Equal(new DateOnly(2026, 10, 1), askedFrom);
        Assert.Equal((1, 1, true, (string?)null, new DateOnly(2027, 1, 1)),
            (standing.Used, standing.Remaining, standing.Available, standing.UnavailableReason, standing.PeriodEnds));
    }

    [Fact]
    public void AUsedUpQuotaIsUnavailableUntilTheNextPeriod()
    {
        var standing = BenefitStanding.Of(Tier.V3, new BenefitQuota(2, QuotaPeriod.Year), Tier.V4, Today, _ => 2);

        Assert.Equal((0, false, UnavailableReasons.QuotaUsed), (standing.Remaining, standing.Available, standing.UnavailableReason));
    }

    [Fact]
    public void AQuotaOfZeroSuspendsTheBenefit()
    {
        var standing = BenefitStanding.Of(Tier.V0, new BenefitQuota(0, QuotaPeriod.Month), Tier.V7, Today, _ => 0);

        Assert.Equal(UnavailableReasons.QuotaUsed, standing.UnavailableReason);
    }

    [Fact]
    public void BelowTheMinimumTierTheBenefitIsWithdrawnWhateverTheQuotaLeaves()
    {
        var standing = BenefitStanding.Of(Tier.V6, new BenefitQuota(4, QuotaPeriod.Year), Tier.V5, Today, _ => 0);

        Assert.Equal((false, UnavailableReasons.TierTooLow, 4), (standing.Available, standing.UnavailableReason, standing.Remaining));
    }

    [Fact]
    public void WithoutAQuotaUseIsCountedOverTheYearAndNeverRunsOut()
    {
        DateOnly? askedFrom = null;
        var standing = BenefitStanding.Of(Tier.V1, null, Tier.V1, Today, since => { askedFrom = since; return 500; });

        Assert.Equal(new DateOnly(2026, 1, 1), askedFrom);
        Assert.Equal((500, (int?)null, true, (DateOnly?)null), (standing.Used, standing.Remaining, standing.Available, standing.PeriodEnds));
    }
}
