using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Engagement.Channels;

namespace Platform.Engagement.Tests.Channels;

public sealed class RecordingChannelAdapterTests
{
    [Fact]
    public async Task WithoutAWebhookAChannelIsRecordedAsOneLogLineOfIdsWithoutTheWords()
    {
        var logs = new CapturedLogs();
        using var host = ChannelHost.Build([], logs);
        var message = ChannelHost.Message("push");

        var result = await host.Services.GetRequiredService<ChannelAdapterRegistry>().For("push").SendAsync(message, TestContext.Current.CancellationToken);

        Assert.True(result.Delivered);
        var line = Assert.Single(logs.Lines, l => l.Level == LogLevel.Information);
        Assert.Contains(message.MessageId.ToString(), line.Message, StringComparison.Ordinal);
        Assert.Contains("welcome-1", line.Message, StringComparison.Ordinal);
        Assert.Contains("push", line.Message, StringComparison.Ordinal);
        var logged = line.Message + string.Join(" ", line.Values.Select(v => v.Value));
        Assert.DoesNotContain("Ms Li", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("6222", logged, StringComparison.Ordinal);
    }
}
