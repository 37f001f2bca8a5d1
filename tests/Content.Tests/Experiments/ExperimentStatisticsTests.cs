using Platform.Content.Experiments;

namespace Platform.Content.Tests.Experiments;

/// <summary>Figures worked by hand from the textbook formulas; the working is in each comment.</summary>
public sealed class ExperimentStatisticsTests
{
    private const int Precision = 6;

    [Fact]
    public void TwoVariantsMatchTheHandWorkedFigures()
    {
        // control 100/1000 = 0.10, b 130/1000 = 0.13, difference 0.03, lift 0.03 / 0.10 = 0.3.
        // Unpooled SE = sqrt(0.1*0.9/1000 + 0.13*0.87/1000) = sqrt(0.0002031) = 0.0142513;
        // ci95 = 0.03 -/+ 1.959964 * 0.0142513 = [0.0020679, 0.0579321].
        // Pooled p = 230/2000 = 0.115, SE = sqrt(0.115*0.885*(2/1000)) = 0.0142671, z = 2.102741,
        // p-value = 2 * (1 - Phi(2.102741)) = 0.0354885.
        var results = ExperimentStatistics.Compute([new("control", 50, 1000, 100), new("b", 50, 1000, 130)]);

        var control = results.Variants[0];
        Assert.Equal(0.10, control.Rate!.Value, Precision);
        Assert.Null(control.Difference);
        Assert.Null(control.Ci95);
        Assert.Null(control.PValue);
        Assert.Null(control.Lift);

        var b = results.Variants[1];
        Assert.Equal(0.13, b.Rate!.Value, Precision);
        Assert.Equal(0.03, b.Difference!.Value, Precision);
        Assert.Equal(0.3, b.Lift!.Value, Precision);
        Assert.Equal(0.0020679, b.Ci95![0], Precision);
        Assert.Equal(0.0579321, b.Ci95[1], Precision);
        Assert.Equal(0.0354885, b.PValue!.Value, Precision);
    }

    [Fact]
    public void BalancedExposuresShowNoSampleRatioMismatch()
    {
        // 50/50 weights, 5000 and 5200 exposures: expected 5100 each, chi2 = 2 * 100^2 / 5100 = 3.921569,
        // one degree of freedom: p = erfc(sqrt(chi2 / 2)) = 0.0476704, above 0.001.
        var srm = ExperimentStatistics.Compute([new("control", 50, 5000, 0), new("b", 50, 5200, 0)]).SampleRatioMismatch;
        Assert.False(srm.Detected);
        Assert.Equal(0.0476704, srm.PValue!.Value, Precision);
    }

    [Fact]
    public void SkewedExposuresAreDetected()
    {
        // 5000 and 5400: chi2 = 2 * 200^2 / 5200 = 15.384615, p = erfc(sqrt(7.692308)) = 8.76994e-5 < 0.001.
        var srm = ExperimentStatistics.Compute([new("control", 50, 5000, 0), new("b", 50, 5400, 0)]).SampleRatioMismatch;
        Assert.True(srm.Detected);
        Assert.Equal(8.76994e-5, srm.PValue!.Value, 9);
    }

    [Fact]
    public void AMismatchJustUnderTheThresholdIsDetected()
    {
        // 5000 and 5350: expected 5175 each, chi2 = 2 * 175^2 / 5175 = 11.835749, p = erfc(sqrt(5.917874)) = 5.81043e-4:
        // between 1e-4 and 0.001, so a threshold moved down to 1e-4 (which the 8.8e-5 case above would not notice) fails here.
        var srm = ExperimentStatistics.Compute([new("control", 50, 5000, 0), new("b", 50, 5350, 0)]).SampleRatioMismatch;
        Assert.True(srm.Detected);
        Assert.Equal(5.81043e-4, srm.PValue!.Value, 9);
    }

    [Fact]
    public void ThreeUnequalWeightsUseTwoDegreesOfFreedom()
    {
        // Weights 40/30/30 over 10,000 exposures: expected 4000/3000/3000, observed 4100/2950/2950:
        // chi2 = 100^2/4000 + 50^2/3000 * 2 = 2.5 + 1.666667 = 4.166667; with two degrees of freedom the
        // upper tail is exp(-chi2 / 2) = 0.1245145.
        var srm = ExperimentStatistics.Compute([new("control", 40, 4100, 0), new("b", 30, 2950, 0), new("c", 30, 2950, 0)]).SampleRatioMismatch;
        Assert.False(srm.Detected);
        Assert.Equal(0.1245145, srm.PValue!.Value, Precision);
    }

    [Fact]
    public void AVariantWithoutExposuresHasNoRateAndNoComparison()
    {
        var results = ExperimentStatistics.Compute([new("control", 50, 200, 20), new("b", 50, 0, 0)]);
        var b = results.Variants[1];
        Assert.Null(b.Rate);
        Assert.Null(b.Difference);
        Assert.Null(b.PValue);
    }

    [Fact]
    public void AControlThatNeverConvertsHasNoLiftButADifference()
    {
        var b = ExperimentStatistics.Compute([new("control", 50, 100, 0), new("b", 50, 100, 5)]).Variants[1];
        Assert.Null(b.Lift);
        Assert.Equal(0.05, b.Difference!.Value, Precision);
        Assert.True(b.PValue < 0.05);
    }

    [Fact]
    public void EqualRatesWithNoVarianceGiveAPValueOfOne()
    {
        var b = ExperimentStatistics.Compute([new("control", 50, 100, 0), new("b", 50, 120, 0)]).Variants[1];
        Assert.Equal(1, b.PValue);
        Assert.Equal([0.0, 0.0], b.Ci95!);
    }

    [Fact]
    public void ExposuresOnAVariantWhoseWeightFellToZeroAreAMismatch()
    {
        var srm = ExperimentStatistics.Compute([new("control", 100, 500, 0), new("b", 0, 40, 0)]).SampleRatioMismatch;
        Assert.True(srm.Detected);
    }

    [Fact]
    public void NoExposuresGiveNoMismatchVerdict() =>
        Assert.Equal(new SampleRatioMismatch(false, null), ExperimentStatistics.Compute([new("control", 50, 0, 0), new("b", 50, 0, 0)]).SampleRatioMismatch);
}
