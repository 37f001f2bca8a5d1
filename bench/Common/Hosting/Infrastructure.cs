using Platform.DevBroker;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Bench.Common.Hosting;

/// <summary>
/// PostgreSQL and Redis from the OS binaries on free ports (tests/TestSupport, so with its
/// settings: fsync, synchronous_commit and full_page_writes off), and DevBroker in this process.
/// </summary>
public sealed class Infrastructure : IAsyncDisposable
{
    private Infrastructure(PostgresServer postgres, RedisServer redis, EmbeddedKafka kafka)
    {
        Postgres = postgres;
        Redis = redis;
        Kafka = kafka;
    }

    public PostgresServer Postgres { get; }

    public RedisServer Redis { get; }

    public EmbeddedKafka Kafka { get; }

    /// <summary>A service's database as local mode names it (onboarding, tiering, ...); the service creates it and runs its migrations at start.</summary>
    public string Database(string name) => $"Host=127.0.0.1;Port={Postgres.Port};Username=postgres;Database={name}";

    public static async Task<Infrastructure> StartAsync()
    {
        var postgres = await PostgresServer.StartAsync();
        RedisServer? redis = null;
        try
        {
            redis = await RedisServer.StartAsync();
            return new Infrastructure(postgres, redis, EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0 }));
        }
        catch
        {
            if (redis is not null)
            {
                await redis.DisposeAsync();
            }

            await postgres.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kafka.Dispose();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
