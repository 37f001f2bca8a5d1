using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Platform.Content.Experiments;

/// <summary>
/// The figures an analyst checks by hand (API.md): rate = conversions / exposures; against the
/// control, difference = rate - control rate with its unpooled 95% Wald interval, lift =
/// difference / control rate, and the two-sided pooled two-proportion z-test; a chi-square
/// goodness-of-fit of exposures against the weights for sample-ratio mismatch. Tail
/// probabilities come from the upper tails directly, so a p-value of 1e-12 does not round to 0.
/// </summary>
public static class ExperimentStatistics
{
    /// <summary>A sample-ratio mismatch is reported when the chi-square p-value falls below this.</summary>
    public const double MismatchThreshold = 0.001;

    private static readonly double Z975 = Normal.InvCDF(0, 1, 0.975);

    public static ExperimentResults Compute(IReadOnlyList<VariantCounts> variants)
    {
        if (variants.Count == 0)
        {
            return new ExperimentResults([], new SampleRatioMismatch(false, null));
        }

        var control = variants[0];
        var results = new List<VariantResult>(variants.Count)
        {
            new(control.Name, control.Exposures, control.Conversions, Rate(control), null, null, null, null),
        };
        results.AddRange(variants.Skip(1).Select(v => Compare(v, control)));
        return new ExperimentResults(results, Mismatch(variants));
    }

    private static double? Rate(VariantCounts v) => v.Exposures > 0 ? (double)v.Conversions / v.Exposures : null;

    private static VariantResult Compare(VariantCounts variant, VariantCounts control)
    {
        if (Rate(variant) is not { } rate || Rate(control) is not { } controlRate)
        {
            return new VariantResult(variant.Name, variant.Exposures, variant.Conversions, Rate(variant), null, null, null, null);
        }

        var difference = rate - controlRate;
        var unpooledError = Math.Sqrt((rate * (1 - rate) / variant.Exposures) + (controlRate * (1 - controlRate) / control.Exposures));
        double[] ci95 = [difference - (Z975 * unpooledError), difference + (Z975 * unpooledError)];
        var lift = controlRate > 0 ? difference / controlRate : (double?)null;
        return new VariantResult(variant.Name, variant.Exposures, variant.Conversions, rate, lift, difference, ci95, PooledZTest(variant, control));
    }

    private static double PooledZTest(VariantCounts variant, VariantCounts control)
    {
        var pooled = (double)(variant.Conversions + control.Conversions) / (variant.Exposures + control.Exposures);
        var error = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / variant.Exposures) + (1.0 / control.Exposures)));
        if (error == 0)
        {
            // Nobody converted, or everybody did, in both groups: the rates are equal and nothing contradicts that.
            return 1;
        }

        var z = ((double)variant.Conversions / variant.Exposures - (double)control.Conversions / control.Exposures) / error;
        return 2 * Normal.CDF(0, 1, -Math.Abs(z));
    }

    private static SampleRatioMismatch Mismatch(IReadOnlyList<VariantCounts> variants)
    {
        var total = variants.Sum(v => v.Exposures);
        var weight = variants.Sum(v => (long)v.Weight);
        if (total == 0 || weight == 0)
        {
            return new SampleRatioMismatch(false, null);
        }

        if (variants.Any(v => v.Weight == 0 && v.Exposures > 0))
        {
            // A guard, unreachable through the API: a weight-0 variant is never drawn, and weights are fixed from the first
            // assignment, so only rows changed by hand get here. The chi-square cannot take an expected count of 0; an
            // exposure in a cell of probability 0 has probability 0 under the weights, hence the p-value of exactly 0.
            return new SampleRatioMismatch(true, 0);
        }

        var weighted = variants.Where(v => v.Weight > 0).ToList();
        if (weighted.Count < 2)
        {
            return new SampleRatioMismatch(false, null);
        }

        var chiSquare = weighted.Sum(v =>
        {
            var expected = (double)total * v.Weight / weight;
            return (v.Exposures - expected) * (v.Exposures - expected) / expected;
        });
        var pValue = SpecialFunctions.GammaUpperRegularized((weighted.Count - 1) / 2.0, chiSquare / 2);
        return new SampleRatioMismatch(pValue < MismatchThreshold, pValue);
    }
}
