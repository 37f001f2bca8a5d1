using System.Net;
using Grpc.Health.V1;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;

namespace Platform.Content.Tests.Feed;

/// <summary>A replica that refuses feeds because its catalogue snapshot is stale tells the load balancer so.</summary>
public sealed class CatalogReadinessTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    private static async Task<HttpStatusCode> ReadinessOfAsync(ContentHost host)
    {
        using var http = host.Service.CreateClient();
        return (await http.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode;
    }

    private static async Task<HealthCheckResponse.Types.ServingStatus> GrpcReadinessOfAsync(ContentHost host) =>
        (await new Health.HealthClient(host.Service.CreateGrpcChannel())
            .CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken)).Status;

    /// <summary>
    /// Replica B's catalogue refreshes fail (its grant on content_items is taken away, as in StaleCatalogueTests): once it
    /// refuses feeds, /health and the gRPC health service say so, while replica A stays ready; once B reads again, it is
    /// ready again.
    /// </summary>
    [Fact]
    public async Task AReplicaRefusingFeedsForAStaleCatalogueIsNotReadyUntilItReadsTheCatalogueAgain()
    {
        var fast = new Dictionary<string, string?> { ["Content:Feed:CatalogRefreshInterval"] = "00:00:00.200", ["Content:Feed:CatalogStaleAfter"] = "00:00:01" };
        await using var replicas = await TwoReplicas.StartAsync(postgres, broker, fast, fast);
        const string client = "readiness-c3";
        Assert.NotNull(await TwoReplicas.FeedOnAsync(replicas.B, client));

        await replicas.AsSuperuserAsync($"REVOKE SELECT ON content_items FROM {replicas.RoleB}");
        await ChildProcess.WaitUntilAsync(async () => await TwoReplicas.FeedOnAsync(replicas.B, client) is null,
            TimeSpan.FromSeconds(30), "replica B refusing feeds");
        await ChildProcess.WaitUntilAsync(async () => await ReadinessOfAsync(replicas.B) == HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(30), "replica B's readiness turning unhealthy");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await GrpcReadinessOfAsync(replicas.B));
        Assert.Equal(HttpStatusCode.OK, await ReadinessOfAsync(replicas.A));

        await replicas.AsSuperuserAsync($"GRANT SELECT ON content_items TO {replicas.RoleB}");
        await ChildProcess.WaitUntilAsync(async () => await ReadinessOfAsync(replicas.B) == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "replica B ready again");
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await GrpcReadinessOfAsync(replicas.B));
        Assert.NotNull(await TwoReplicas.FeedOnAsync(replicas.B, client));
    }
}
