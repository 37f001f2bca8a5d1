using Platform.Messaging;

namespace Platform.DevBroker.Tests;

public sealed class ProcessModeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_process_writes_its_bootstrap_file_prints_topics_and_limits_and_exits_with_0_on_SIGTERM()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("devbroker-test-");
        var bootstrapFile = Path.Combine(folder.FullName, "bootstrap");
        using var broker = DevBrokerProcess.Start(
            ["--DevBroker:Port=0", $"--DevBroker:BootstrapFile={bootstrapFile}"],
            new Dictionary<string, string> { ["DevBroker__Partitions"] = "3" });

        var bootstrapServers = await broker.WaitForFileAsync(bootstrapFile, Deadline, ct);

        Assert.Matches(@"^127\.0\.0\.1:\d+$", bootstrapServers);
        using (var admin = Clients.Admin(bootstrapServers))
        {
            Assert.Equal(3, admin.GetMetadata(Topics.OnboardingEvents, Deadline).Topics.Single().Partitions.Count);
        }

        broker.Terminate();
        await broker.WaitForExitAsync(Deadline, ct);

        Assert.Equal(0, broker.ExitCode);
        Assert.False(File.Exists(bootstrapFile), "the bootstrap file is deleted on stop");
        Assert.Contains(bootstrapServers, broker.Output, StringComparison.Ordinal);
        Assert.All(Topics.All, topic => Assert.Contains(topic, broker.Output, StringComparison.Ordinal));
        Assert.All(EmbeddedKafka.Limits, limit => Assert.Contains(limit, broker.Output, StringComparison.Ordinal));
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Invalid_settings_stop_the_process_with_every_error_named()
    {
        var ct = TestContext.Current.CancellationToken;
        using var broker = DevBrokerProcess.Start(["--DevBroker:Brokers=0", "--DevBroker:Partitions=0"], new Dictionary<string, string>());

        await broker.WaitForExitAsync(Deadline, ct);

        Assert.NotEqual(0, broker.ExitCode);
        Assert.Contains("DevBroker:Brokers must be at least 1", broker.Output, StringComparison.Ordinal);
        Assert.Contains("DevBroker:Partitions must be at least 1", broker.Output, StringComparison.Ordinal);
    }
}
