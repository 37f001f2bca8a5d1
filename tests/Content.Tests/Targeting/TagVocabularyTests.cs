using Platform.Content.Targeting;

namespace Platform.Content.Tests.Targeting;

public sealed class TagVocabularyTests
{
    [Theory]
    [InlineData("style:technical")]
    [InlineData("horizon:long")]
    [InlineData("age:65+")]
    [InlineData("region:shanghai")]
    [InlineData("interest:etf")]
    public void OperatorsSetKycAndKyiTags(string tag) => Assert.Null(TagVocabulary.CheckOperatorTag(tag));

    [Theory]
    [InlineData("risk:c5", "cannot be set by hand")]
    [InlineData("tier:v7", "cannot be set by hand")]
    [InlineData("style:swing", "'swing' is not a style")]
    [InlineData("age:30", "is not a age")]
    [InlineData("hobby:golf", "unknown tag namespace 'hobby'")]
    [InlineData("style:", "is not namespace:value")]
    [InlineData("style:Technical", "is not namespace:value")]
    [InlineData("interest:\u0000", "is not namespace:value")]
    public void OperatorsCannotSetDerivedOrUnknownTags(string tag, string problem) =>
        Assert.Contains(problem, TagVocabulary.CheckOperatorTag(tag), StringComparison.Ordinal);

    [Fact]
    public void TargetingMayNameDerivedTags()
    {
        Assert.Null(TagVocabulary.CheckTargetTag("risk:c3"));
        Assert.Null(TagVocabulary.CheckTargetTag("stage:s4"));
        Assert.NotNull(TagVocabulary.CheckTargetTag("risk:c6"));
    }

    [Fact]
    public void ADerivedFactThatIsNotASlugGivesNoTag()
    {
        Assert.Equal("campaign:double11", TagVocabulary.Derived("campaign", " Double11 "));
        Assert.Null(TagVocabulary.Derived("campaign", "双十一 promo"));
        Assert.Null(TagVocabulary.Derived("campaign", null));
    }

    [Fact]
    public void ATagLongerThanTheLimitIsRefused() =>
        Assert.NotNull(TagVocabulary.CheckOperatorTag("interest:" + new string('a', TagVocabulary.MaxTagLength)));
}
