using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Onboarding.Funnel;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>Each feature's rows are read from the decisions, never the other way round (review finding 11).</summary>
public sealed class StepBatchRowsTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task BuildingABatchsRowsTwiceLeavesItsDecisionsAsTheyWere()
    {
        await using var service = await OnboardingHost.StartAsync(
            postgres.Server.NewDatabaseConnectionString("batchrows"), redis.Server.ConnectionString, broker.BootstrapServers, new FakeTimeProvider(T0));
        var first = new StepReport(Guid.CreateVersion7(), FunnelStep.Registered, T0, "short_video", "test", "ios", 1);
        var funnel = ClientFunnel.Start("c-1", FunnelDefinition.Standard, first);
        funnel.Record(FunnelDefinition.Standard, first);
        var decisions = new StepBatchDecisions(T0, new Dictionary<string, int>());
        decisions.Change(funnel, FunnelDefinition.Standard, approvedNow: false, progressed: true);
        decisions.Change(funnel, FunnelDefinition.Standard, approvedNow: true, progressed: true); // a second command of the batch, one row

        foreach (var feature in service.Services.GetServices<IStepBatchRows>())
        {
            // Twice, as a debugger or a log line looking at them would.
            _ = feature.RowsFor(decisions).ToList();
            _ = feature.RowsFor(decisions).ToList();
        }

        // The version the new row gets from the batch's one write, whoever looked at the rows, and how often.
        Assert.Equal(1, funnel.Version);
        Assert.True(decisions.Changed["c-1"].Approved);
    }
}
