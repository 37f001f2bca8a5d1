using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Content.Tests.Experiments.ExperimentScenario;

namespace Platform.Content.Tests.Experiments;

/// <summary>A stopped experiment serves its control alone, hides its other arms and counts nothing dated after the stop.</summary>
public sealed class StoppedExperimentTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ExperimentScenario scenario = null!;

    public async ValueTask InitializeAsync() => scenario = await StartAsync(postgres, redis, broker, "experiments-stopped");

    public ValueTask DisposeAsync() => scenario.DisposeAsync();

    [Fact]
    public async Task AStoppedExperimentServesOnlyItsControlToEveryoneAsAPlainItem()
    {
        await scenario.Host.Experiments.CreateExperimentAsync(Welcome());
        var clients = Enumerable.Range(0, 20).Select(i => $"s-served-{i}").ToList();
        foreach (var client in clients)
        {
            await scenario.FeedAsync(client);
        }

        await scenario.UpdateAsync(Welcome(status: "stopped"));

        foreach (var client in clients.Append("s-new"))
        {
            var feed = await scenario.Host.FeedOf(client).GetFeedAsync(new Grpc.FeedRequest { ClientId = client });
            var welcome = Assert.Single(feed.Items, i => i.ItemId is "welcome-a" or "welcome-b");
            Assert.Equal(("welcome-a", null), (welcome.ItemId, welcome.Experiment));
        }

        Assert.Equal(20, (await scenario.ResultsAsync()).Variants.Sum(v => v.Exposures));
    }

    [Fact]
    public async Task AConversionDatedAfterTheStopIsNotCountedOneBeforeItIs()
    {
        await scenario.Host.Experiments.CreateExperimentAsync(Welcome());
        await scenario.FeedAsync("s-before");
        await scenario.FeedAsync("s-after");
        var beforeTheStop = DateTimeOffset.UtcNow;

        await scenario.UpdateAsync(Welcome(status: "stopped"));

        Assert.False((await scenario.ConvertAsync("s-after", DateTimeOffset.UtcNow.AddSeconds(1))).Counted);
        Assert.True((await scenario.ConvertAsync("s-before", beforeTheStop)).Counted);
        Assert.Equal(1, (await scenario.ResultsAsync()).Variants.Sum(v => v.Conversions));
    }

    /// <summary>
    /// Saved stopped, an experiment is a draft: hiding its arms would take a live item (or an outreach's words) away from
    /// everyone the moment an operator drafts a test of it. It gates nothing until it runs.
    /// </summary>
    [Fact]
    public async Task ADraftSavedStoppedGatesNothingItsItemsServeEveryoneAsBefore()
    {
        await scenario.Host.Experiments.CreateExperimentAsync(Welcome(status: "stopped"));

        foreach (var client in Enumerable.Range(0, 10).Select(i => $"s-draft-{i}"))
        {
            var feed = await scenario.Host.FeedOf(client).GetFeedAsync(new Grpc.FeedRequest { ClientId = client });
            Assert.Equal(["welcome-a", "welcome-b"], feed.Items.Where(i => i.ItemId is "welcome-a" or "welcome-b").Select(i => i.ItemId));
            Assert.All(feed.Items, i => Assert.Null(i.Experiment));
        }

        Assert.Equal(0, (await scenario.ResultsAsync()).Variants.Sum(v => v.Exposures));
    }

    [Fact]
    public async Task AStoppedExperimentRunsAgainOnlyIfNoClientWasAssigned()
    {
        await scenario.Host.Experiments.CreateExperimentAsync(Welcome(status: "stopped"));
        Assert.Equal("running", (await scenario.UpdateAsync(Welcome())).Status);
        await scenario.FeedAsync("s-restart");
        await scenario.UpdateAsync(Welcome(status: "stopped"));

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => scenario.UpdateAsync(Welcome()));

        Assert.Contains("start a new experiment", errors["status"][0], StringComparison.Ordinal);
    }
}
