using Platform.Content.Targeting;

namespace Platform.Content.Tests.Targeting;

public sealed class SegmentExpressionTests
{
    private static bool Matches(string expression, params string[] tags) =>
        SegmentExpression.Parse(expression).Matches(tags.ToHashSet());

    [Fact]
    public void NotBindsTighterThanAndAndAndTighterThanOr()
    {
        // Read as (style:technical AND horizon:short) OR (NOT interest:bonds).
        const string expression = "style:technical AND horizon:short OR NOT interest:bonds";
        Assert.True(Matches(expression, "style:technical", "horizon:short", "interest:bonds"));
        Assert.True(Matches(expression));
        Assert.False(Matches(expression, "style:technical", "interest:bonds"));
    }

    [Fact]
    public void ParenthesesOverridePrecedence()
    {
        const string expression = "style:technical AND (horizon:short OR horizon:long)";
        Assert.True(Matches(expression, "style:technical", "horizon:long"));
        Assert.False(Matches(expression, "horizon:long"));
        Assert.False(Matches("NOT (style:technical OR style:fundamental)", "style:fundamental"));
    }

    [Fact]
    public void KeywordsAreCaseInsensitiveAndDerivedTagsCanBeTargeted()
    {
        Assert.True(Matches("tier:v5 and not risk:c1", "tier:v5", "risk:c3"));
        Assert.False(Matches("tier:v5 and not risk:c1", "tier:v5", "risk:c1"));
    }

    [Theory]
    [InlineData("", 1, "found the end")]
    [InlineData("style:technical AND", 20, "found the end")]
    [InlineData("style:technical horizon:short", 17, "expected AND, OR or the end")]
    [InlineData("(style:technical", 17, "expected ')'")]
    [InlineData("style:technical)", 16, "unmatched ')'")]
    [InlineData("style:technical AND $x", 21, "unexpected character '$'")]
    [InlineData("OR style:technical", 1, "found 'OR'")]
    [InlineData("style:technical AND sytle:short", 21, "unknown tag namespace 'sytle'")]
    [InlineData("style:technicl", 1, "'technicl' is not a style")]
    [InlineData("Style:Technical", 1, "is not namespace:value")]
    public void ASyntaxErrorNamesItsPosition(string expression, int position, string problem)
    {
        var error = Assert.Throws<SegmentSyntaxException>(() => SegmentExpression.Parse(expression));
        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AHostileNestingIsRefusedNotAStackOverflow()
    {
        var deep = new string('(', 10_000) + "style:technical" + new string(')', 10_000);
        Assert.Throws<SegmentSyntaxException>(() => SegmentExpression.Parse(deep[..SegmentExpression.MaxLength]));
        Assert.Throws<SegmentSyntaxException>(() => SegmentExpression.Parse(deep));
        var notChain = string.Concat(Enumerable.Repeat("NOT ", 100)) + "style:technical";
        Assert.Throws<SegmentSyntaxException>(() => SegmentExpression.Parse(notChain));
    }

    [Fact]
    public void NestingWithinTheLimitParses()
    {
        var depth = SegmentExpression.MaxDepth - 1;
        var nested = new string('(', depth) + "style:technical" + new string(')', depth);
        Assert.True(Matches(nested, "style:technical"));
    }

    [Fact]
    public void TagsListsEveryTagTheExpressionNames()
    {
        var expression = SegmentExpression.Parse("style:technical AND (NOT horizon:short OR interest:etf)");
        Assert.Equal(["horizon:short", "interest:etf", "style:technical"], expression.Tags.Order(StringComparer.Ordinal));
    }
}
