using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Messaging.TestWorker;

namespace Platform.Messaging.Tests;

public sealed class MessagingOptionsTests
{
    [Theory]
    [InlineData("00:00:30", null)] // equal to the default shutdown timeout (30 s)
    [InlineData("00:01:00", null)]
    [InlineData("00:00:10", "5")] // the default, with a shutdown timeout made shorter
    [InlineData("00:00:00", null)]
    public async Task AHostWhoseRelayCouldNotFinishItsBatchBeforeShutdownRefusesToStart(string deliveryTimeout, string? shutdownTimeoutSeconds)
    {
        var refused = await RefusedAsync(("Messaging:DeliveryTimeout", deliveryTimeout), ("shutdownTimeoutSeconds", shutdownTimeoutSeconds));

        Assert.Contains("Messaging:DeliveryTimeout", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Messaging:Consumer:MaxBatch", "0", "Messaging:Consumer:MaxBatch")]
    [InlineData("Messaging:Consumer:MaxBatch", "10001", "Messaging:Consumer:MaxBatch")]
    [InlineData("Messaging:Consumers:some-group:MaxBatch", "0", "Messaging:Consumers:some-group:MaxBatch")]
    [InlineData("Messaging:Consumer:Members", "0", "Messaging:Consumer:Members")]
    [InlineData("Messaging:Consumers:some-group:Members", "17", "Messaging:Consumers:some-group:Members")]
    [InlineData("Messaging:Consumers:some-group:MaxAttempts", "0", "Messaging:Consumers:some-group:MaxAttempts")]
    [InlineData("Messaging:Consumer:GroupProtocol", "fancy", "Messaging:Consumer:GroupProtocol")]
    [InlineData("Messaging:Kafka:max.poll.interval.ms", "6000", "Messaging:Consumer:MaxPollInterval")]
    // Five attempts: waits of 0.2 + 0.4 + 0.8 + 1.6 s, 3 s; four times that does not fit in 10 s.
    [InlineData("Messaging:Consumer:MaxPollInterval", "00:00:10", "Messaging:Consumer:MaxPollInterval")]
    public async Task AConsumerSettingOutOfRangeIsRefusedAtStart(string key, string value, string named)
    {
        var refused = await RefusedAsync((key, value));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroupWhoseOwnKeysDoNotFitBesideTheSharedOnesIsRefusedByName()
    {
        // Eight attempts wait 0.2 + 0.4 + ... + 12.8 = 25.4 s; four times that does not fit in the shared minute (five attempts do).
        var refused = await RefusedAsync(("Messaging:Consumer:MaxPollInterval", "00:01:00"), ("Messaging:Consumers:patient-group:MaxAttempts", "8"));

        Assert.Contains("Messaging:Consumers:patient-group:MaxPollInterval", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Messaging:Consumer:MaxPollInterval", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGroupsOwnSectionOverridesTheConsumerSettingsKeyByKey()
    {
        var options = await StartedAsync(
            ("Messaging:Consumer:Members", "2"),
            ("Messaging:Consumer:GroupProtocol", "consumer"),
            ("Messaging:Consumer:MaxBatch", "1000"),
            ("Messaging:Consumers:busy-group:MaxBatch", "2000"),
            // Configuration keys ignore case (an environment variable's may be upper case); the group's settings are found either way.
            ("Messaging:Consumers:BUSY-GROUP:MaxAttempts", "3"));

        var busy = options.ConsumerFor("busy-group");
        // Its own keys, then Messaging:Consumer's, then the defaults.
        Assert.Equal((2000, 3), (busy.MaxBatch, busy.MaxAttempts));
        Assert.Equal((2, "consumer"), (busy.Members, busy.GroupProtocol));
        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(6)), (busy.MaxPollInterval, busy.SessionTimeout));
        Assert.Same(busy, options.ConsumerFor("Busy-Group"));
        // The shared settings are left as they were, and every other group takes them.
        Assert.Equal((1000, 5, 2), (options.Consumer.MaxBatch, options.Consumer.MaxAttempts, options.Consumer.Members));
        Assert.Same(options.Consumer, options.ConsumerFor("other-group"));
    }

    [Fact]
    public void AGroupsCopyOfTheConsumerSettingsSharesNothingWithThem()
    {
        // ConsumerOptions.Copy is shallow: a property of a reference type other than string would be shared by every group.
        var shared = typeof(ConsumerOptions).GetProperties().Where(p => !p.PropertyType.IsValueType && p.PropertyType != typeof(string));

        Assert.Empty(shared);
    }

    /// <summary>Starts a host with the settings (and unreachable servers), expecting its options to be refused.</summary>
    private static async Task<OptionsValidationException> RefusedAsync(params (string Key, string? Value)[] settings)
    {
        using var host = WorkerHost.CreateBuilder([], Settings(settings)).Build();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>Starts and stops a host with the settings (and unreachable servers), returning the options it ran with.</summary>
    private static async Task<MessagingOptions> StartedAsync(params (string Key, string? Value)[] settings)
    {
        using var host = WorkerHost.CreateBuilder([], Settings(settings)).Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var options = host.Services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        await host.StopAsync(TestContext.Current.CancellationToken);
        return options;
    }

    private static Dictionary<string, string?> Settings((string Key, string? Value)[] settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = "Host=127.0.0.1;Port=1;Database=unused",
            ["ConnectionStrings:kafka"] = "127.0.0.1:1",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return all;
    }

    [Fact]
    public async Task TheDefaultsAreTheDocumentedOnesAndPassValidation()
    {
        var options = await StartedAsync();

        // The table in src/Messaging/README.md.
        Assert.Equal(TimeSpan.FromSeconds(10), options.DeliveryTimeout);
        Assert.Equal((500, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), 10),
            (options.Outbox.BatchSize, options.Outbox.PollInterval, options.Outbox.InitialBackoff, options.Outbox.MaxBackoff, options.Outbox.MaxAttempts));
        Assert.Equal((5, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(6), "classic"),
            (options.Consumer.MaxAttempts, options.Consumer.InitialBackoff, options.Consumer.MaxBackoff, options.Consumer.SessionTimeout, options.Consumer.GroupProtocol));
        Assert.Equal((500, TimeSpan.FromMinutes(5), 1), (options.Consumer.MaxBatch, options.Consumer.MaxPollInterval, options.Consumer.Members));
        Assert.Same(options.Consumer, options.ConsumerFor("any-group"));
        Assert.Equal("", options.ConsumerGroupSuffix);
        Assert.Empty(options.Kafka);
    }
}
