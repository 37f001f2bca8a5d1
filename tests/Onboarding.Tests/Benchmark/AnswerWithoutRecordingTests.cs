using Npgsql;
using Platform.Onboarding.Benchmark;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Benchmark;

/// <summary>The benchmark's hop-chain switch: it answers and records nothing, and no deployment can start with it.</summary>
public sealed class AnswerWithoutRecordingTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    // Every table a recorded step writes to: its progress, its reached steps, the event id, the report's pending change, its event.
    private static readonly string[] StepTables =
        ["client_funnels", "funnel_steps", "recorded_step_events", "funnel_report_increments", "outbox_messages"];

    [Fact]
    public async Task WithTheSwitchOnAStepIsAnsweredAndNothingIsRecorded()
    {
        var database = postgres.Server.NewDatabaseConnectionString("answeronly");
        await using var service = await OnboardingHost.StartAsync(database, redis.Server.ConnectionString, broker.BootstrapServers,
            settings: new Dictionary<string, string?> { [BenchmarkSwitch.AnswerWithoutRecordingKey] = "true" });
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);

        var reply = await onboarding.StepAsync(OnboardingDriver.NewClientId(), "registered", DateTimeOffset.UtcNow);

        Assert.Equal(("in_progress", "registered", "phone_verified", false), (reply.Status, reply.CurrentStep, reply.NextStep, reply.Duplicate));
        foreach (var table in StepTables)
        {
            Assert.Equal((table, 0L), (table, await CountAsync(database, table)));
        }
    }

    [Fact]
    public async Task TheServiceRefusesToStartWithTheSwitchOnOutsideDevelopment()
    {
        var settings = new Dictionary<string, string?>
        {
            [BenchmarkSwitch.AnswerWithoutRecordingKey] = "true",
            ["environment"] = "Production",
            // What a deployment has instead of the tests' dev key, so that the switch is the only thing wrong.
            ["Platform:Auth:DevSigningKey"] = string.Empty,
            ["Platform:Auth:Authority"] = "https://identity.example.test",
            ["Platform:Auth:Audience"] = "platform",
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => OnboardingHost.StartAsync(postgres.Server.NewDatabaseConnectionString("refused"),
            redis.Server.ConnectionString, broker.BootstrapServers, settings: settings));

        Assert.Contains($"{BenchmarkSwitch.AnswerWithoutRecordingKey}=true is refused in environment 'Production'", error.ToString());
    }

    private static async Task<long> CountAsync(string database, string table)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
