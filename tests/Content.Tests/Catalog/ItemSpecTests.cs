using Platform.Content.Catalog;

namespace Platform.Content.Tests.Catalog;

public sealed class ItemSpecTests
{
    private static ItemDraft Draft(string kind = "insight", string? risk = null) => new(
        "weekly-outlook", kind, "Week ahead for {{tier}} clients", "Markets this week.\nRead on.", risk,
        ["V2", "V3"], ["S3", "S4"], ["style:technical"], null, null, null, 50, [], [], ["market-news"]);

    [Fact]
    public void AValidItemParsesWithDuplicatesRemoved()
    {
        var (spec, errors) = ItemSpec.Parse(Draft() with { Tiers = ["V2", "V2", "V3"] });
        Assert.Empty(errors);
        Assert.Equal(["V2", "V3"], spec!.Targeting.Tiers);
        Assert.Equal(ContentKind.Insight, spec.Kind);
        Assert.Null(spec.Risk);
    }

    [Fact]
    public void AProductNeedsARisk()
    {
        Assert.Contains("risk", ItemSpec.Parse(Draft("product")).Errors.Keys);
        Assert.Contains("risk", ItemSpec.Parse(Draft("product", "R6")).Errors.Keys);
        Assert.Equal(3, ItemSpec.Parse(Draft("product", "R3")).Spec!.Risk);
    }

    /// <summary>A trading-signals service or a commission-free-trades campaign may carry a risk, so suitability holds it back (review finding 11).</summary>
    [Theory]
    [InlineData("service")]
    [InlineData("campaign")]
    [InlineData("insight")]
    public void AnyOtherKindMayCarryARiskOfTheSameScale(string kind)
    {
        Assert.Equal(4, ItemSpec.Parse(Draft(kind, "R4")).Spec!.Risk);
        Assert.Null(ItemSpec.Parse(Draft(kind, "")).Spec!.Risk);
        Assert.Equal(["must be empty or R1..R5"], ItemSpec.Parse(Draft(kind, "C4")).Errors["risk"]);
        Assert.Contains("risk", ItemSpec.Parse(Draft(kind, "R0")).Errors.Keys);
    }

    [Fact]
    public void EveryBadFieldIsNamedAtOnce()
    {
        var errors = ItemSpec.Parse(new ItemDraft(
            "Bad Id", "video", "Dear {{name}}", "\u0000", null, ["V9"], ["S7"], ["hobby:golf"], "Not A Key",
            DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-1), 101, ["M 1"], ["fax"], ["Label"])).Errors;

        Assert.Equal(
            ["body", "channels[0]", "itemId", "kind", "labels[0]", "moments[0]", "priority", "targeting.segment", "targeting.stages[0]",
             "targeting.tags[0]", "targeting.tiers[0]", "title", "validTo"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("unknown placeholder '{{name}}'", errors["title"][0], StringComparison.Ordinal);
        Assert.Contains("'V9'", errors["targeting.tiers[0]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownKindDoesNotAlsoDemandARisk()
    {
        var errors = ItemSpec.Parse(Draft("Product", "R3")).Errors;
        Assert.Equal(["kind"], errors.Keys);
    }

    [Fact]
    public void ABodyMayHoldLineBreaksButATitleMayNot()
    {
        Assert.Empty(ItemSpec.Parse(Draft() with { Body = "a\r\nb\tc" }).Errors);
        Assert.Contains("title", ItemSpec.Parse(Draft() with { Title = "a\nb" }).Errors.Keys);
    }

    [Fact]
    public void ListsAreBounded() =>
        Assert.Contains("labels", ItemSpec.Parse(Draft() with { Labels = [.. Enumerable.Range(0, ItemSpec.MaxListLength + 1).Select(i => $"l{i}")] }).Errors.Keys);
}
