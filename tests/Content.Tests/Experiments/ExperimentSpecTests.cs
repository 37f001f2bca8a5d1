using Platform.Content.Experiments;

namespace Platform.Content.Tests.Experiments;

public sealed class ExperimentSpecTests
{
    [Fact]
    public void AValidExperimentParses()
    {
        var (spec, errors) = ExperimentSpec.Parse("welcome-copy", "running", [("control", 50, "welcome-a"), ("b", 50, "welcome-b")], "P7D");
        Assert.Equal(0, errors.Count);
        Assert.Equal(TimeSpan.FromDays(7), spec!.ConversionWindow);
        Assert.Equal(ExperimentStatus.Running, spec.Status);
    }

    [Fact]
    public void EveryBadFieldIsNamed()
    {
        var (_, errors) = ExperimentSpec.Parse("Bad Key", "paused", [("Control", -1, "x"), ("Control", 10_001, "x")], "7 days");
        Assert.Equal(
            ["conversionWindow", "key", "status", "variants[0].itemId", "variants[0].name", "variants[0].weight", "variants[1].itemId", "variants[1].name", "variants[1].weight"],
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DuplicatesAndAllZeroWeightsAreRefused()
    {
        var errors = ExperimentSpec.Parse("exp", "running", [("a", 0, "item-a"), ("a", 0, "item-a")], "PT12H").Errors.ToDictionary();
        Assert.Contains("is used by an earlier variant", errors["variants[1].name"][0], StringComparison.Ordinal);
        Assert.Contains("is served by an earlier variant", errors["variants[1].itemId"][0], StringComparison.Ordinal);
        Assert.Contains("positive weight", errors["variants"][0], StringComparison.Ordinal);
        Assert.Equal(0, ExperimentSpec.Parse("exp", "stopped", [("a", 0, "item-a"), ("b", 0, "item-b")], "PT12H").Errors.Count);
    }

    [Theory]
    [InlineData("PT30S")]
    [InlineData("P366D")]
    [InlineData("P99999999D")]
    [InlineData("P9999999Y")]
    public void TheWindowIsBounded(string window) =>
        Assert.Contains("conversionWindow", ExperimentSpec.Parse("exp", "running", [("a", 1, "item-a"), ("b", 1, "item-b")], window).Errors.ToDictionary().Keys);

    [Fact]
    public void OneVariantIsNotAnExperiment() =>
        Assert.Contains("variants", ExperimentSpec.Parse("exp", "running", [("a", 1, "item-a")], "P1D").Errors.ToDictionary().Keys);
}
