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
        // A fixed id: a random one holds the body's "6222" about once in two thousand runs, and the line must show the id.
        var message = ChannelHost.Message("push") with { MessageId = Guid.Parse("0193f1c4-7a2b-7c3d-8e4f-a1b2c3d4e5f6") };

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
