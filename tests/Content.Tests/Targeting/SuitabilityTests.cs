using CsCheck;
using Platform.Content.Targeting;

namespace Platform.Content.Tests.Targeting;

public sealed class SuitabilityTests
{
    [Fact]
    public void AProductReachesOnlyClientsWhoseToleranceIsAtLeastItsRisk()
    {
        // Oracle written from the regulation's words rather than the implementation's comparison.
        var allowed = new Dictionary<int, int[]>
        {
            [1] = [1, 2, 3, 4, 5], [2] = [2, 3, 4, 5], [3] = [3, 4, 5], [4] = [4, 5], [5] = [5],
        };
        foreach (var (risk, tolerances) in allowed)
        {
            for (var tolerance = RiskScale.Lowest; tolerance <= RiskScale.Highest; tolerance++)
            {
                Assert.Equal(tolerances.Contains(tolerance), Suitability.Allows(risk, tolerance));
            }
        }
    }

    [Fact]
    public void AClientWithoutAnAssessmentSeesNoProductButEverythingElse() =>
        Gen.Int[RiskScale.Lowest, RiskScale.Highest].Sample(risk =>
        {
            Assert.False(Suitability.Allows(risk, null));
            Assert.True(Suitability.Allows(null, null));
        });

    [Theory]
    [InlineData("C3", true, 3)]
    [InlineData("C0", false, 0)]
    [InlineData("C6", false, 0)]
    [InlineData("c3", false, 0)]
    [InlineData("R3", false, 0)]
    [InlineData("C33", false, 0)]
    public void ToleranceParsesOnlyC1ToC5(string text, bool parses, int level)
    {
        Assert.Equal(parses, RiskScale.TryParseTolerance(text, out var parsed));
        Assert.Equal(level, parsed);
    }
}
