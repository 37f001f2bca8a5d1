using Microsoft.Extensions.DependencyInjection;

namespace Platform.TestSupport.Services;

/// <summary>Starting one service in memory on real PostgreSQL (a database of its own), Redis and DevBroker.</summary>
public static class ServiceHosts
{
    /// <summary>The Redis key prefix of hosts on <paramref name="database"/> (a connection string).</summary>
    public static string KeyPrefixFor(string database) => new Npgsql.NpgsqlConnectionStringBuilder(database).Database + ":";

    /// <summary>
    /// A replica on a given database (its connection string under <paramref name="databaseConnectionName"/>),
    /// optionally with a clock of the test's own, other settings and services added after the service's own
    /// (a failure injected on purpose); returns once /health is 200.
    /// </summary>
    public static async Task<ServiceFactory<TEntryPoint>> StartAsync<TEntryPoint>(string databaseConnectionName, string database, string redis,
        string kafka, TimeProvider? clock = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
        where TEntryPoint : class
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:" + databaseConnectionName] = database,
            ["ConnectionStrings:redis"] = redis,
            ["ConnectionStrings:kafka"] = kafka,
            // Hosts of one test assembly share one broker; replicas of one database share a group, other hosts do not.
            ["Messaging:ConsumerGroupSuffix"] = "-" + new Npgsql.NpgsqlConnectionStringBuilder(database).Database,
            // ... and so does Redis: hosts on other databases must not overwrite each other's cached copies.
            ["Redis:KeyPrefix"] = KeyPrefixFor(database),
        };
        var factory = new ServiceFactory<TEntryPoint>(all, collection =>
        {
            if (clock is not null)
            {
                collection.AddSingleton(clock);
            }

            services?.Invoke(collection);
        });
        await factory.WaitUntilHealthyAsync();
        return factory;
    }
}
