using Platform.DevBroker;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Bench.Common.Hosting;

/// <summary>
/// PostgreSQL and Redis from the OS binaries on free ports (tests/TestSupport), PostgreSQL with the run's
/// <see cref="Durability"/> (production durability unless asked otherwise), and DevBroker in this process.
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

    /// <summary>PostgreSQL's durability settings as the server reports them, and its data folder's file system, for the results.</summary>
    public Task<string> DatabaseSettingsAsync(CancellationToken cancellationToken) =>
        Measuring.DatabaseSettings.ReadAsync(Postgres.ConnectionString(), cancellationToken);

    /// <param name="partitions">Partitions of every topic: DevBroker keeps about 5 MiB of each, so a burst larger than that needs more of them.</param>
    /// <param name="extraSettings">PostgreSQL settings added to the durability's (e.g. <see cref="Measuring.StatementProfile.ServerSettings"/>).</param>
    /// <param name="memory">PostgreSQL's memory (<see cref="PostgresMemoryExtensions"/>): its stock settings unless a benchmark asks.</param>
    public static async Task<Infrastructure> StartAsync(Durability durability, int partitions = 6, IReadOnlyDictionary<string, string>? extraSettings = null,
        PostgresMemory memory = PostgresMemory.Stock)
    {
        var settings = durability.ServerSettings().Concat(memory.ServerSettings()).Concat(extraSettings ?? new Dictionary<string, string>())
            .ToDictionary(s => s.Key, s => s.Value);
        var postgres = await PostgresServer.StartAsync(settings);
        RedisServer? redis = null;
        try
        {
            redis = await RedisServer.StartAsync();
            return new Infrastructure(postgres, redis, EmbeddedKafka.Start(new EmbeddedKafkaOptions { Port = 0, Partitions = partitions }));
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

    /// <summary>
    /// Starts everything as <see cref="StartAsync(Durability, int, IReadOnlyDictionary{string, string}?, PostgresMemory)"/> with the
    /// results' durability and memory, and puts PostgreSQL's settings as the server reports them in the results and the progress.
    /// </summary>
    public static async Task<Infrastructure> StartAsync(RunResults results, Action<string> progress, CancellationToken cancellationToken, int partitions = 6,
        IReadOnlyDictionary<string, string>? extraSettings = null)
    {
        progress($"starting PostgreSQL, Redis (OS binaries, free ports) and DevBroker (in-process, {partitions} partitions per topic)");
        var infrastructure = await StartAsync(results.Durability, partitions, extraSettings, results.Memory);
        results.DatabaseSettings = await infrastructure.DatabaseSettingsAsync(cancellationToken);
        results.MemorySettings = await Measuring.DatabaseSettings.MemoryAsync(infrastructure.Postgres.ConnectionString(), cancellationToken);
        progress($"PostgreSQL durability ({results.Durability.Name()}): {results.DatabaseSettings}");
        progress($"PostgreSQL memory ({results.Memory.Name()}): {results.MemorySettings}");
        return infrastructure;
    }

    public async ValueTask DisposeAsync()
    {
        Kafka.Dispose();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
