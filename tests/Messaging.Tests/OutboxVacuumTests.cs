using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Messaging.Outbox;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using static Platform.Messaging.Tests.OutboxRows;

namespace Platform.Messaging.Tests;

/// <summary>
/// The outbox is a queue whose rows are deleted within a second of their insert: until a vacuum removes them, every
/// claim steps over them. The relay vacuums the table itself every <c>Messaging:Outbox:VacuumAfterRows</c> delivered
/// rows instead of waiting for autovacuum's once-a-minute visit.
/// </summary>
public sealed class OutboxVacuumTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    [Fact]
    public async Task TheRelayVacuumsItsTableOnceItHasDeliveredTheSetNumberOfRows()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "vacuum", partitions: 1);
        await using var host = await TestHost.StartAsync(await postgres.Server.CreateDatabaseAsync("vacuum"), broker.BootstrapServers,
            new Dictionary<string, string?> { ["Worker:Relay"] = "true", ["Messaging:Outbox:VacuumAfterRows"] = "50" });

        await WriteAsync(host, [.. Enumerable.Range(1, 120).Select(i => (topic, "c-1", (long)i))]);
        var delivered = await KafkaMessages.ConsumeAsync(broker.BootstrapServers, topic, 120, TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"c-1:{i}"), delivered.Select(Describe));
        await TestHost.WaitUntilAsync(async () => await host.WithDbAsync(db => db.Set<OutboxMessage>().AnyAsync()) == false,
            "the delivered rows leaving the outbox");

        // Vacuums by hand: autovacuum's are counted apart.
        await TestHost.WaitUntilAsync(async () => await ManualVacuumsAsync(host) > 0, "a vacuum of the outbox by the relay");
    }

    private static Task<long> ManualVacuumsAsync(TestHost host) =>
        host.WithDbAsync(async db =>
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT vacuum_count FROM pg_stat_user_tables WHERE relname = '{MessagingModelBuilderExtensions.OutboxTable}'", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        });
}
