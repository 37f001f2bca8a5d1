using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.TestSupport.Postgres;

namespace Platform.ServiceDefaults.Tests.Data;

/// <summary>
/// A service's database connections (AddServiceDatabase) have Npgsql prepare the statements they send repeatedly, unless
/// the connection string names Max Auto Prepare; checked on a real server, in pg_prepared_statements.
/// </summary>
public sealed class PreparedStatementsTests(PostgresFixture postgres)
{
    private const string Repeated = "SELECT $1::int + 41";

    [Fact]
    public async Task AStatementSentRepeatedlyIsPreparedOnTheServer()
    {
        await using var dataSource = await DataSourceAsync(extra: "");

        var prepared = await PreparedAfterRepeatingAsync(dataSource);

        Assert.Equal([Repeated], prepared);
    }

    [Fact]
    public async Task AStatementSentOnceIsNotPrepared()
    {
        await using var dataSource = await DataSourceAsync(extra: "");
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(42, await RunAsync(connection));
        Assert.Empty(await PreparedAsync(connection));
    }

    [Fact]
    public async Task AConnectionStringThatSetsMaxAutoPrepareWins()
    {
        await using var dataSource = await DataSourceAsync(extra: ";Max Auto Prepare=0");

        Assert.Empty(await PreparedAfterRepeatingAsync(dataSource));
    }

    private async Task<NpgsqlDataSource> DataSourceAsync(string extra)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:testdb"] = await postgres.Server.CreateDatabaseAsync("prepared") + extra,
        });
        builder.AddServiceDatabase<EmptyContext>("testdb");
        // The host is not started (no migrator runs): only its data source is used, and owned by the caller.
        return builder.Build().Services.GetRequiredService<NpgsqlDataSource>();
    }

    private static async Task<IReadOnlyList<string>> PreparedAfterRepeatingAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(42, await RunAsync(connection));
        }

        return await PreparedAsync(connection);
    }

    private static async Task<int> RunAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(Repeated, connection) { Parameters = { new NpgsqlParameter<int> { TypedValue = 1 } } };
        return (int)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    /// <summary>The statements prepared in this session, by their text (the query below is sent once, so it is not among them).</summary>
    private static async Task<IReadOnlyList<string>> PreparedAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT statement FROM pg_prepared_statements ORDER BY statement", connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        List<string> statements = [];
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }

    private sealed class EmptyContext(DbContextOptions<EmptyContext> options) : DbContext(options);
}
