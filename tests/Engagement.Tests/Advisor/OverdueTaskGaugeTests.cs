using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Platform.Engagement.Advisor;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;

namespace Platform.Engagement.Tests.Advisor;

/// <summary>The gauge SREs alert on: open advisor tasks past their due time, counted on Engagement's clock.</summary>
public sealed class OverdueTaskGaugeTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    [Fact]
    public async Task OpenTasksPastTheirDueTimeAreCountedAndCompletedOnesAreNot()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        await using var service = await ServiceHosts.StartAsync<EngagementDbContext>(EngagementExtensions.DatabaseName,
            postgres.Server.NewDatabaseConnectionString("advisor-gauge"), redis.Server.ConnectionString, broker.BootstrapServers, clock,
            new Dictionary<string, string?> { ["Engagement:Advisor:CountInterval"] = "00:01:00" });
        var start = clock.GetUtcNow();
        using (var scope = service.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
            db.AdvisorTasks.AddRange(
                NewTask("c-1", start.AddHours(1), completedAt: null),
                NewTask("c-2", start.AddHours(3), completedAt: null),
                NewTask("c-3", start.AddMinutes(30), completedAt: start.AddMinutes(10)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var gauges = new GaugeReader(service.Services.GetRequiredService<IMeterFactory>());
        await WhenAsync(gauges, clock, open: 2, overdue: 0);
        clock.Advance(TimeSpan.FromHours(2));
        await WhenAsync(gauges, clock, open: 2, overdue: 1);
    }

    private static AdvisorTaskRecord NewTask(string clientId, DateTimeOffset dueAt, DateTimeOffset? completedAt) => new()
    {
        TaskId = Guid.NewGuid(), ClientId = clientId, InstanceKey = $"M17:{clientId}:{Guid.NewGuid():N}", Moment = "M17", Tier = "V5",
        Title = "Call", Body = "About the transfer", CreatedAt = dueAt.AddHours(-4), DueAt = dueAt, CompletedAt = completedAt,
        CompletedBy = completedAt is null ? null : "ops-1",
    };

    /// <summary>Until the gauges read the counts, moving the clock a count interval on each try (the counter waits on it).</summary>
    private static Task WhenAsync(GaugeReader gauges, FakeTimeProvider clock, long open, long overdue) =>
        ChildProcess.WaitUntilAsync(() =>
        {
            var (o, d) = gauges.Read();
            if ((o, d) == (open, overdue))
            {
                return Task.FromResult(true);
            }

            clock.Advance(TimeSpan.FromMinutes(1));
            return Task.FromResult(false);
        }, TimeSpan.FromSeconds(60), $"{open} open and {overdue} overdue tasks on the gauges");

    /// <summary>Reads the service's own advisor gauges (its meter factory's instruments only).</summary>
    private sealed class GaugeReader : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly IMeterFactory factory;
        private double open = double.NaN;
        private double overdue = double.NaN;

        public GaugeReader(IMeterFactory factory)
        {
            this.factory = factory;
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AdvisorTelemetry.MeterName && instrument.Meter.Scope == this.factory)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            {
                if (instrument.Name == "engagement.advisor_tasks.open")
                {
                    open = value;
                }
                else if (instrument.Name == "engagement.advisor_tasks.overdue")
                {
                    overdue = value;
                }
            });
            listener.Start();
        }

        public (double Open, double Overdue) Read()
        {
            listener.RecordObservableInstruments();
            return (open, overdue);
        }

        public void Dispose() => listener.Dispose();
    }
}
