using Platform.Tiering.Benefits;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests.Benefits;

public sealed class BenefitSpecTests
{
    [Fact]
    public void AValidDefinitionParsesWithAndWithoutAQuota()
    {
        var (limited, noErrors) = BenefitSpec.Parse("golf", " Golf green fee ", "privilege", "V7", (4, "year"), true);
        var (unlimited, _) = BenefitSpec.Parse("vip-hotline", "VIP hotline", "service", "V5", null, false);

        Assert.Empty(noErrors);
        Assert.Equal(new BenefitSpec("golf", "Golf green fee", BenefitKind.Privilege, Tier.V7, new BenefitQuota(4, QuotaPeriod.Year), true), limited);
        Assert.Equal(new BenefitSpec("vip-hotline", "VIP hotline", BenefitKind.Service, Tier.V5, null, false), unlimited);
    }

    [Fact]
    public void EveryRefusedFieldIsNamedAtOnce()
    {
        var (spec, errors) = BenefitSpec.Parse("Bad Id!", " ", "voucher", "V8", (-1, "week"), true);

        Assert.Null(spec);
        Assert.Equal(["benefitId", "kind", "minTier", "name", "quota.count", "quota.period"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Privilege")]
    [InlineData("0")]
    [InlineData("")]
    public void KindsAreExactWireNames(string kind)
    {
        Assert.Contains("kind", BenefitSpec.Parse("a-b", "n", kind, "V1", null, true).Errors.Keys);
    }

    [Fact]
    public void AQuotaAboveTheCeilingOrANameTooLongIsRefused()
    {
        var (_, errors) = BenefitSpec.Parse("ok", new string('n', BenefitSpec.MaxNameLength + 1), "product", "V0", (BenefitSpec.MaxQuota + 1, "month"), true);

        Assert.Equal(["name", "quota.count"], errors.Keys.Order(StringComparer.Ordinal));
    }
}
