using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Grpc;
using Platform.Content.Tests.Feed;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using static Platform.Content.Tests.Experiments.ExperimentScenario;
using ExperimentAssignment = Platform.Content.Experiments.ExperimentAssignment;

namespace Platform.Content.Tests.Experiments;

/// <summary>A replica whose catalogue snapshot still holds an experiment running after another replica stopped it.</summary>
public sealed class StaleReplicaExposureTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    /// <summary>
    /// Replica B refreshes hourly, so it still gates by the experiment A stopped: it may show the client its arm for that
    /// long, but the database, which knows the stop, records no exposure of it (as it stores no draw).
    /// </summary>
    [Fact]
    public async Task AReplicaWhoseSnapshotPredatesTheStopRecordsNoExposure()
    {
        var slow = new Dictionary<string, string?> { ["Content:Feed:CatalogRefreshInterval"] = "01:00:00" };
        await using var replicas = await TwoReplicas.StartAsync(postgres, broker, slow, slow, beforeB: async a =>
        {
            foreach (var item in Items)
            {
                await a.Catalog.CreateItemAsync(Item(item));
            }

            await a.Experiments.CreateExperimentAsync(Welcome());
        });
        // One item, of higher priority than the arms: the client is assigned (an arm could reach it) but not yet exposed.
        var first = await replicas.B.FeedOf("r-late").GetFeedAsync(new FeedRequest { ClientId = "r-late", Limit = 1 });
        Assert.Null(Assert.Single(first.Items).Experiment);
        Assert.Single(await AssignmentsAsync(replicas.A));

        var stop = Welcome(status: "stopped");
        stop.Version = (await replicas.A.Experiments.GetExperimentAsync(new GetExperimentRequest { Key = stop.Key })).Version;
        await replicas.A.Experiments.UpdateExperimentAsync(stop);
        var later = await replicas.B.FeedOf("r-late").GetFeedAsync(new FeedRequest { ClientId = "r-late", Limit = 100 });

        Assert.Contains(later.Items, i => i.Experiment?.Key == "welcome-copy"); // B is still behind: the case under test
        Assert.Equal(0, (await replicas.A.Experiments.GetResultsAsync(new GetExperimentRequest { Key = "welcome-copy" })).Variants.Sum(v => v.Exposures));
    }

    private static async Task<List<ExperimentAssignment>> AssignmentsAsync(ContentHost host)
    {
        using var scope = host.Service.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContentDbContext>().Set<ExperimentAssignment>().ToListAsync();
    }
}
