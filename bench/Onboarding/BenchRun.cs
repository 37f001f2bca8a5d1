using Platform.Bench.Onboarding.Baseline;
using Platform.Bench.Onboarding.Delivery;
using Platform.Bench.Onboarding.Hosting;
using Platform.Bench.Onboarding.Load;
using Platform.Bench.Onboarding.Measuring;
using Platform.Bench.Onboarding.Reports;
using Platform.Messaging;

namespace Platform.Bench.Onboarding;

/// <summary>The phases of one run, in order (Program.cs), and the cleanup that always follows them.</summary>
public sealed class BenchRun(BenchOptions options, BenchResults results, Action<string> progress, CancellationToken cancellationToken) : IAsyncDisposable
{
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromMinutes(5);

    // Client ids of this run: the read-back of onboarding.events counts only these keys.
    private readonly string runId = $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}";
    private readonly LoadSettings load = new(options.Connections, TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.Seconds));
    private Infrastructure? infrastructure;
    private PlatformServices? services;

    private Infrastructure Infra => infrastructure ?? throw new InvalidOperationException("The infrastructure has not started.");

    private PlatformServices Services => services ?? throw new InvalidOperationException("The services have not started.");

    public async Task StartInfrastructureAsync()
    {
        progress("starting PostgreSQL, Redis (OS binaries, free ports) and DevBroker (in-process)");
        infrastructure = await Infrastructure.StartAsync();
    }

    public async Task StartServicesAsync()
    {
        progress("starting Onboarding and the Gateway as processes; waiting for /health");
        services = await PlatformServices.StartAsync(Infra, cancellationToken);
    }

    public async Task MeasureBaselineAsync()
    {
        await using var baseline = await BaselineServer.StartAsync();
        progress($"baseline: {load.Connections} connections, {load.Warmup.TotalSeconds:0} s warm-up + {load.Duration.TotalSeconds:0} s measured");
        var probe = Probe();
        var result = await LoadGenerator.RunAsync(new LoadTarget("baseline: minimal API (in-process Kestrel)", baseline.Url, Services.SystemToken),
            load, $"{runId}-base", probe, cancellationToken);
        results.Baseline = new PhaseResult(result, probe.Usage);
    }

    public async Task MeasureGatewayAsync()
    {
        var before = TopicOffsets.Read(Infra.Kafka.BootstrapServers, Topics.OnboardingEvents, Infra.Kafka.Partitions);
        progress($"gateway -> Onboarding: {load.Connections} connections, {load.Warmup.TotalSeconds:0} s warm-up + {load.Duration.TotalSeconds:0} s measured");
        var probe = Probe();
        var url = new Uri(Services.GatewayUrl, "/v1/onboarding/steps");
        var result = await LoadGenerator.RunAsync(new LoadTarget("gateway -> Onboarding -> PostgreSQL + outbox", url, Services.SystemToken),
            load, $"{runId}-gw", probe, cancellationToken);
        results.Gateway = new PhaseResult(result, probe.Usage);
        results.ExpectedRegistered = result.AcceptedRegistrations;

        progress("waiting for the outbox to drain, then reading onboarding.events back");
        var (backlog, drained) = await OutboxDrain.WaitAsync(Infra.OnboardingDb, DrainDeadline, cancellationToken);
        var after = TopicOffsets.Read(Infra.Kafka.BootstrapServers, Topics.OnboardingEvents, Infra.Kafka.Partitions);
        var counts = EventCounter.Count(Infra.Kafka.BootstrapServers, before, after, $"{runId}-gw-", TimeSpan.FromMinutes(2), cancellationToken);
        results.Delivery = new DeliveryResult(result.Accepted, backlog, drained, after.ProducedSince(before), after.DroppedSince(before), counts);
    }

    public async Task MeasureReportAsync()
    {
        if (options.ReportSteps == 0)
        {
            return;
        }

        progress($"writing the report's aggregates for {options.ReportSteps:N0} recorded steps through FunnelReportProjection");
        results.Population = await ReportPopulator.RunAsync(Infra.OnboardingDb, options.ReportSteps, cancellationToken);
        results.ExpectedRegistered += results.Population.Clients;

        progress($"report: {options.ReportQueries} x GET {ReportQueries.Route}");
        results.Report = await TimeReportAsync();
        progress("VACUUM (ANALYZE) of the aggregate tables, then the report again");
        await ReportQueries.VacuumAnalyzeAsync(Infra.OnboardingDb, results.Population.Tables.Select(t => t.Table), cancellationToken);
        results.ReportAfterVacuum = await TimeReportAsync();
    }

    /// <summary>Logs first (the tail is evidence), then the gateway, Onboarding, and the infrastructure.</summary>
    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            results.ServiceLogs = services.Logs(lastLines: 40);
            await services.DisposeAsync();
        }

        if (infrastructure is not null)
        {
            await infrastructure.DisposeAsync();
        }
    }

    private async Task<ReportTimings> TimeReportAsync() => new(
        await ReportQueries.ThroughGatewayAsync(Services.GatewayUrl, Services.OperatorToken, options.ReportQueries, cancellationToken),
        await ReportQueries.InProcessAsync(Infra.OnboardingDb, options.ReportQueries, cancellationToken));

    private ResourceProbe Probe() => new(
        [
            // Only this process: the services, PostgreSQL and Redis are its children and are counted on their own rows.
            ProcessGroup.ById("bench app (load generator, DevBroker, baseline server)", Environment.ProcessId, withChildren: false),
            ProcessGroup.ById("gateway", Services.Gateway.Id),
            ProcessGroup.ById("onboarding", Services.Onboarding.Id),
            ProcessGroup.ByArguments("postgres (all backends)", "postgres", "-p", Infra.Postgres.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ProcessGroup.ByArguments("redis-server", "redis-server", $"127.0.0.1:{Infra.Redis.Port}"),
        ],
        Infra.OnboardingDb, "onboarding");
}
