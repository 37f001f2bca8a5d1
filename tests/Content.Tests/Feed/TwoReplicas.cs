using Grpc.Core;
using Npgsql;
using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Content.Tests.Feed;

/// <summary>
/// Two Content replicas on one database and one Redis (of their own, so a test may make it refuse writes). Replica B
/// connects as a PostgreSQL role of its own, so a test can take a grant away from it alone (a replica whose reads fail).
/// </summary>
public sealed class TwoReplicas : IAsyncDisposable
{
    private readonly PostgresFixture postgres;
    private readonly DevBrokerFixture broker;

    private TwoReplicas(PostgresFixture postgres, DevBrokerFixture broker, RedisServer redis, string database, string roleB)
        => (this.postgres, this.broker, Redis, Database, RoleB) = (postgres, broker, redis, database, roleB);

    public RedisServer Redis { get; }

    public string Database { get; }

    public string RoleB { get; }

    public ContentHost A { get; private set; } = null!;

    public ContentHost B { get; private set; } = null!;

    public IEnumerable<ContentHost> Both => [A, B];

    public static async Task<TwoReplicas> StartAsync(
        PostgresFixture postgres, DevBrokerFixture broker, IDictionary<string, string?> settingsA, IDictionary<string, string?> settingsB,
        Func<ContentHost, Task>? beforeB = null)
    {
        var replicas = new TwoReplicas(postgres, broker, await RedisServer.StartAsync(), postgres.Server.NewDatabaseConnectionString("replicas"),
            "replica_b_" + Guid.NewGuid().ToString("N")[..12]);
        replicas.A = new ContentHost(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            replicas.Database, replicas.Redis.ConnectionString, broker.BootstrapServers, settings: settingsA));
        if (beforeB is not null)
        {
            await beforeB(replicas.A);
        }

        await replicas.AsSuperuserAsync(
            $"""
            CREATE ROLE {replicas.RoleB} LOGIN;
            GRANT USAGE, CREATE ON SCHEMA public TO {replicas.RoleB};
            GRANT ALL ON ALL TABLES IN SCHEMA public TO {replicas.RoleB};
            GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {replicas.RoleB};
            """);
        var asB = new NpgsqlConnectionStringBuilder(replicas.Database) { Username = replicas.RoleB }.ConnectionString;
        replicas.B = new ContentHost(await ServiceHosts.StartAsync<ContentDbContext>(ContentExtensions.DatabaseName,
            asB, replicas.Redis.ConnectionString, broker.BootstrapServers, settings: settingsB));
        return replicas;
    }

    /// <summary>Runs SQL on the replicas' database as the superuser (the test's hand, not a replica's).</summary>
    public async Task AsSuperuserAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Publishes Onboarding's assessment of the client and waits until one of the replicas handled it.</summary>
    public Task AssessAsync(string clientId, string level) => Assessments.PublishAndWaitAsync(broker, A, clientId, level);

    /// <summary>The item ids of the client's feed as read on <paramref name="host"/>, or null when the replica answered UNAVAILABLE.</summary>
    public static async Task<string[]?> FeedOnAsync(ContentHost host, string clientId)
    {
        try
        {
            return [.. (await host.FeedOf(clientId).GetFeedAsync(new FeedRequest { ClientId = clientId, Limit = 100 })).Items.Select(i => i.ItemId)];
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await Redis.DisposeAsync();
        // B's role stays: it owns nothing, and the server is thrown away with the test run.
    }
}
