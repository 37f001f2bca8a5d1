using Microsoft.Extensions.DependencyInjection;
using Platform.Engagement.Channels;

namespace Platform.Engagement.Tests.Channels;

public sealed class ChannelAdapterRegistryTests
{
    [Fact]
    public void AChannelWithAWebhookUsesItAndEveryOtherChannelIsRecorded()
    {
        using var host = ChannelHost.Build(new Dictionary<string, string?>
        {
            ["Engagement:Channels:sms:Webhook:Url"] = "https://sms.example/hook",
            ["Engagement:Channels:sms:Webhook:Secret"] = "s",
        }, new CapturedLogs());
        var registry = host.Services.GetRequiredService<ChannelAdapterRegistry>();

        Assert.IsType<WebhookChannelAdapter>(registry.For("sms"));
        Assert.All(ChannelNames.All.Where(c => c != "sms"), channel => Assert.IsType<RecordingChannelAdapter>(registry.For(channel)));
        Assert.Throws<ArgumentException>(() => registry.For("fax"));
    }

    [Theory]
    [InlineData("Engagement:Channels:sms:Webhook:Url", "https://sms.example/hook", "Secret")]
    [InlineData("Engagement:Channels:fax:Webhook:Url", "https://fax.example/hook", "fax")]
    [InlineData("Engagement:Channels:push:Webhook:Url", "/relative", "absolute")]
    public void AWebhookMisconfiguredStopsTheStart(string key, string value, string named)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ChannelHost.Build(new Dictionary<string, string?> { [key] = value }, new CapturedLogs()));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }
}
