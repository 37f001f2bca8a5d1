using Platform.Content.Templates;

namespace Platform.Content.Tests.Templates;

public sealed class TemplateTests
{
    private static readonly Dictionary<string, string> V3Client = new()
    {
        [Placeholders.Tier] = "V3",
        [Placeholders.NextTier] = "V4",
        [Placeholders.AmountToNextTier] = "138,765.50",
    };

    [Fact]
    public void PlaceholdersAreFilledAndSingleBracesStayText()
    {
        var template = Template.Parse("You are {{tier}}; {{ amountToNextTier }} CNY to {{nextTier}} {ok}");
        Assert.Equal("You are V3; 138,765.50 CNY to V4 {ok}", template.Render(V3Client));
        Assert.Equal(["tier", "amountToNextTier", "nextTier"], template.PlaceholderNames);
    }

    [Fact]
    public void AnItemWithAValueMissingForTheClientIsNotRendered()
    {
        var v7 = new Dictionary<string, string> { [Placeholders.Tier] = "V7" };
        Assert.Null(Template.Parse("{{amountToNextTier}} CNY to {{nextTier}}").Render(v7));
        Assert.Equal("Welcome", Template.Parse("Welcome").Render(v7));
    }

    [Theory]
    [InlineData("Dear {{name}}", 6, "unknown placeholder '{{name}}'")]
    [InlineData("Call {{phone}} now", 6, "allowed: amount, amountToNextTier, date")]
    [InlineData("Tier {{tier", 6, "is not closed")]
    [InlineData("{{}}", 1, "unknown placeholder")]
    public void AnUnknownOrOpenPlaceholderNamesItsPosition(string text, int position, string problem)
    {
        var error = Assert.Throws<TemplateException>(() => Template.Parse(text));
        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoPlaceholderCanNameAPersonalField()
    {
        foreach (var personal in new[] { "name", "clientName", "phone", "mobile", "idNumber", "clientId", "email", "address" })
        {
            Assert.Throws<TemplateException>(() => Template.Parse($"Dear {{{{{personal}}}}}"));
        }
    }
}
