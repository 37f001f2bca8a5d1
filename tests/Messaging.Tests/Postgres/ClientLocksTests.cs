using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Messaging.Postgres;
using Platform.Messaging.TestWorker;
using Platform.TestSupport.Postgres;

namespace Platform.Messaging.Tests.Postgres;

public sealed class ClientLocksTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AClientsLockTakenOneWayExcludesEveryOtherWayUntilItsTransactionEnds()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await postgres.Server.CreateDatabaseAsync("clientlocks");
        await using var holder = NewContext(connectionString);
        await using var holding = await holder.Database.BeginTransactionAsync(cancellation);
        await holder.Database.LockClientAsync("k-1", cancellation);

        // Tried in one statement for many clients: the held one is left out, the free one taken.
        await using (var sweep = await OpenAsync(connectionString))
        await using (var transaction = await sweep.BeginTransactionAsync(cancellation))
        {
            Assert.Equal(["k-2"], await ClientLocks.TryLockClientsAsync(sweep, transaction, ["k-1", "k-2"], cancellation));
        }

        // Tried through EF.
        await using (var other = NewContext(connectionString))
        await using (await other.Database.BeginTransactionAsync(cancellation))
        {
            Assert.False(await other.Database.TryLockClientAsync("k-1", cancellation));
            Assert.True(await other.Database.TryLockClientAsync("k-3", cancellation));
        }

        // Waited for in a batch: it waits until the holder commits.
        await using var batchConnection = await OpenAsync(connectionString);
        await using var batchTransaction = await batchConnection.BeginTransactionAsync(cancellation);
        await using var batch = new NpgsqlBatch(batchConnection, batchTransaction) { BatchCommands = { ClientLocks.LockClients(["k-4", "k-1"]) } };
        var waiting = batch.ExecuteNonQueryAsync(cancellation);
        await TestHost.WaitUntilAsync(async () => await WaitingLocksAsync(connectionString) == 1, "the batch waiting for k-1");
        Assert.False(waiting.IsCompleted);

        await holding.CommitAsync(cancellation);
        await waiting.WaitAsync(TimeSpan.FromSeconds(30), cancellation);
        await using (var other = NewContext(connectionString))
        await using (await other.Database.BeginTransactionAsync(cancellation))
        {
            Assert.False(await other.Database.TryLockClientAsync("k-1", cancellation)); // now the batch's
        }
    }

    [Fact]
    public void TheKeyIsTheExpressionEveryServiceUsedBeforeTheHelper() =>
        // Replicas running the old SQL and the new helper must compute the same key during a rolling deployment.
        Assert.Equal("hashtextextended(c.client_id, 0)", ClientLocks.KeyOf("c.client_id"));

    private static TestDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(connectionString).Options);

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> WaitingLocksAsync(string connectionString)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
