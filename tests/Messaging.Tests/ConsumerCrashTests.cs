using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Messaging.TestWorker;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;

namespace Platform.Messaging.Tests;

/// <summary>Kills a real consumer process mid-stream (SIGKILL: no graceful close, no final offset commit) and restarts it.</summary>
public sealed class ConsumerCrashTests(PostgresFixture postgres, DevBrokerFixture broker)
{
    [Fact]
    public async Task AConsumerKilledMidStreamAndRestartedLosesNoEventAndAppliesNoneTwice()
    {
        var topic = TestHost.NewTopic(broker.Kafka, "crash");
        var connectionString = await postgres.Server.CreateDatabaseAsync("crash");
        await using (var schema = await TestHost.StartAsync(connectionString, broker.BootstrapServers, new Dictionary<string, string?>()))
        {
            // Creates the tables; this host neither consumes nor relays.
        }

        const int total = 1500;
        var events = Enumerable.Range(1, total).Select(i => TestHost.Event($"c-{i % 10}", i)).ToList();
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, topic, events);

        var first = StartWorker(connectionString, topic, out var firstOutput);
        try
        {
            await TestHost.WaitUntilAsync(async () => await CountAsync(connectionString, "SELECT count(*) FROM applications") >= 200,
                "the first worker handling some events");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        var handledBeforeKill = await CountAsync(connectionString, "SELECT count(*) FROM applications");
        Assert.True(handledBeforeKill < total, $"the worker was killed mid-stream, not after the end ({firstOutput})");

        using var second = StartWorker(connectionString, topic, out _);
        try
        {
            await TestHost.WaitUntilAsync(async () => await CountAsync(connectionString, "SELECT count(DISTINCT event_id) FROM applications") == total,
                "the restarted worker handling every event", seconds: 120);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
        }

        Assert.Equal(total, await CountAsync(connectionString, "SELECT count(*) FROM applications"));
        Assert.Equal(total, await CountAsync(connectionString, "SELECT coalesce(sum(value), 0) FROM counters"));
        Assert.Equal(total, await CountAsync(connectionString, "SELECT count(*) FROM inbox_messages"));
    }

    private Process StartWorker(string connectionString, string topic, out StringBuilder output)
    {
        output = new StringBuilder();
        var worker = Path.Combine(AppContext.BaseDirectory, "Messaging.TestWorker.dll");
        return ChildProcess.Start("dotnet",
        [
            worker, $"--ConnectionStrings:testdb={connectionString}", $"--ConnectionStrings:kafka={broker.BootstrapServers}",
            $"--Worker:Topic={topic}", "--Worker:Group=crash-test", "--Worker:DelayMs=3", "--Logging:LogLevel:Default=Warning", "--Messaging:Consumer:GroupProtocol=consumer",
        ], null, output);
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
