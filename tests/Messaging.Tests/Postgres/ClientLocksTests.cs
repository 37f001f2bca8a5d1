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
        await TestHost.WaitUntilAsync(async () => await LockWaits.CountAsync(connectionString, "advisory") == 1, "the batch waiting for k-1");
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
    public async Task AClientWhoseIdIsAFunnelDefinitionsLockKeyDoesNotWaitForTheHeldDefinitionLock()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await postgres.Server.CreateDatabaseAsync("lockfamilies");
        await using var operators = NewContext(connectionString);
        await using var editing = await operators.Database.BeginTransactionAsync(cancellation);
        await operators.Database.LockAsync(LockFamily.FunnelDefinition, "standard", cancellation);

        await using var client = NewContext(connectionString);
        await using (await client.Database.BeginTransactionAsync(cancellation))
        {
            // "funnel:standard" was the definition lock's own key before the families; "standard" is its key now.
            Assert.True(await client.Database.TryLockClientAsync("funnel:standard", cancellation));
            Assert.True(await client.Database.TryLockClientAsync("standard", cancellation));
            // The definition lock itself is still held.
            Assert.False(await client.Database.TryLockAsync(LockFamily.FunnelDefinition, "standard", cancellation));
        }
    }

    [Fact]
    public async Task TwoLockFamiliesNeverExcludeEachOtherWhateverTheirKeys()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var connectionString = await postgres.Server.CreateDatabaseAsync("lockfamilies");
        var families = Enum.GetValues<LockFamily>();
        foreach (var held in families)
        {
            await using var holder = NewContext(connectionString);
            await using var holding = await holder.Database.BeginTransactionAsync(cancellation);
            Assert.True(await holder.Database.TryLockAsync(held, "funnel:standard", cancellation));
            foreach (var other in families.Where(f => f != held))
            {
                await using var context = NewContext(connectionString);
                await using (await context.Database.BeginTransactionAsync(cancellation))
                {
                    Assert.True(await context.Database.TryLockAsync(other, "funnel:standard", cancellation), $"{other} waited for {held}");
                }
            }

            await using var same = NewContext(connectionString);
            await using (await same.Database.BeginTransactionAsync(cancellation))
            {
                Assert.False(await same.Database.TryLockAsync(held, "funnel:standard", cancellation));
            }
        }
    }

    [Fact]
    public void TheKeyIsTheClientFamilyAndTheIdsHash() =>
        // Replicas must compute the same key; changing it means a deployment that never runs old and new replicas at once.
        Assert.Equal("1, hashtext(c.client_id)", ClientLocks.KeyOf("c.client_id"));

    private static TestDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql(connectionString).Options);

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
