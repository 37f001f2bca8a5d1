using Platform.Bench.Common.Delivery;
using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Load;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Onboarding.Baseline;
using Platform.Bench.Onboarding.Delivery;
using Platform.Bench.Onboarding.Hosting;
using Platform.Bench.Onboarding.HopChain;
using Platform.Bench.Onboarding.Load;
using Platform.Bench.Onboarding.Population;
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
    private readonly List<ServiceLog> hopChainLogs = [];
    private Infrastructure? infrastructure;
    private PlatformServices? services;

    private Infrastructure Infra => infrastructure ?? throw new InvalidOperationException("The infrastructure has not started.");

    private string OnboardingDb => Infra.Database("onboarding");

    private PlatformServices Services => services ?? throw new InvalidOperationException("The services have not started.");

    public async Task StartInfrastructureAsync()
    {
        progress("starting PostgreSQL, Redis (OS binaries, free ports) and DevBroker (in-process)");
        infrastructure = await Infrastructure.StartAsync(options.Durability, extraSettings: options.Statements ? StatementProfile.ServerSettings : null);
        results.DatabaseSettings = await infrastructure.DatabaseSettingsAsync(cancellationToken);
        progress($"PostgreSQL durability ({options.Durability.Name()}): {results.DatabaseSettings}");
    }

    public async Task StartServicesAsync()
    {
        progress("starting Onboarding and the Gateway as processes; waiting for /health");
        services = await PlatformServices.StartAsync(Infra, cancellationToken);
    }

    /// <summary>After the services' migrations: the clients a deployment already holds, analysed, so the step route reads tables with statistics.</summary>
    public async Task SeedExistingClientsAsync()
    {
        progress($"writing {options.ExistingClients:N0} existing clients (progress, steps, answers, timers), then VACUUM (ANALYZE)");
        results.Existing = await ExistingClients.SeedAsync(OnboardingDb, options.ExistingClients, cancellationToken);
        progress($"existing clients written in {results.Existing.Elapsed.TotalSeconds:0.0} s: "
            + string.Join(", ", results.Existing.Rows.Select(r => $"{r.Table} {r.Rows:N0}")));
    }

    public async Task MeasureBaselineAsync()
    {
        await using var baseline = await BaselineServer.StartAsync();
        progress($"baseline: {load.Connections} connections, {load.Warmup.TotalSeconds:0} s warm-up + {load.Duration.TotalSeconds:0} s measured");
        var probe = Probe();
        var result = await LoadGenerator.RunAsync(new LoadTarget("baseline: minimal API (in-process Kestrel)", "202", Services.SystemToken),
            load, Journeys(baseline.Url, $"{runId}-base"), probe, cancellationToken);
        results.Baseline = new PhaseResult(result, probe.Usage);
    }

    /// <summary>
    /// The same load through a second gateway and Onboarding, this one answering without recording: the hop chain alone
    /// (HTTP, the gateway's auth and validation, gRPC, Onboarding's auth and validation), the ceiling of this design here.
    /// Stopped afterwards, so that it takes nothing from the phases after it.
    /// </summary>
    public async Task MeasureHopChainAsync()
    {
        progress("hop chain: starting a second Onboarding (Onboarding:Benchmark:AnswerWithoutRecording=true, database "
            + $"{PlatformServices.HopChainDatabase}) and a gateway in front of it; waiting for /health");
        await using var hops = await PlatformServices.StartAsync(Infra, cancellationToken, PlatformServices.HopChainSettings(Infra));
        try
        {
            progress($"hop chain: {load.Connections} connections, {load.Warmup.TotalSeconds:0} s warm-up + {load.Duration.TotalSeconds:0} s measured");
            var probe = ResourceProbe.ForPlatform(Infra, BenchApp, [hops.Gateway, hops.Onboarding], PlatformServices.HopChainDatabase);
            var result = await LoadGenerator.RunAsync(new LoadTarget("hop chain: gateway -> Onboarding answering without recording", "202", hops.SystemToken),
                load, Journeys(new Uri(hops.GatewayUrl, "/v1/onboarding/steps"), $"{runId}-hop"), probe, cancellationToken);
            results.HopChain = new PhaseResult(result, probe.Usage);
            results.HopChainRecordedRows = await HopChainCheck.RecordedRowsAsync(Infra.Database(PlatformServices.HopChainDatabase), cancellationToken);
        }
        finally
        {
            hopChainLogs.AddRange(hops.Logs(lastLines: 40).Select(log => log with { Name = $"{log.Name} (hop-chain phase)" }));
        }
    }

    public async Task MeasureGatewayAsync()
    {
        var before = TopicOffsets.Read(Infra.Kafka.BootstrapServers, Topics.OnboardingEvents, Infra.Kafka.Partitions);
        progress($"gateway -> Onboarding: {load.Connections} connections, {load.Warmup.TotalSeconds:0} s warm-up + {load.Duration.TotalSeconds:0} s measured");
        var probe = Probe();
        var journeys = Journeys(new Uri(Services.GatewayUrl, "/v1/onboarding/steps"), $"{runId}-gw");
        if (options.Statements)
        {
            await StatementProfile.ResetAsync(Infra.Postgres.ConnectionString(), cancellationToken);
        }

        var result = await LoadGenerator.RunAsync(new LoadTarget("gateway -> Onboarding -> PostgreSQL + outbox", "202", Services.SystemToken),
            load, journeys, probe, cancellationToken);
        if (options.Statements)
        {
            results.Statements = await StatementProfile.TopAsync(Infra.Postgres.ConnectionString(), "onboarding", count: 15, cancellationToken);
        }

        results.Gateway = new PhaseResult(result, probe.Usage);
        results.ExpectedRegistered = journeys.Sum(j => j.AcceptedRegistrations);

        progress("waiting for the outbox to drain, then reading onboarding.events back");
        var (backlog, drained) = await OutboxDrain.WaitAsync(OnboardingDb, DrainDeadline, cancellationToken);
        var after = TopicOffsets.Read(Infra.Kafka.BootstrapServers, Topics.OnboardingEvents, Infra.Kafka.Partitions);
        var counts = EventCounter.Count(Infra.Kafka.BootstrapServers, before, after, $"{runId}-gw-", TimeSpan.FromMinutes(2), cancellationToken);
        results.Delivery = new DeliveryResult(result.Succeeded, backlog, drained, after.ProducedSince(before), after.DroppedSince(before), counts);
    }

    public async Task MeasureReportAsync()
    {
        if (options.ReportSteps == 0)
        {
            return;
        }

        progress($"writing the report's aggregates for {options.ReportSteps:N0} recorded steps through FunnelReportProjection");
        results.Population = await ReportPopulator.RunAsync(OnboardingDb, options.ReportSteps, cancellationToken);
        results.ExpectedRegistered += results.Population.Clients;

        progress($"report: {options.ReportQueries} x GET {ReportQueries.Route}");
        results.Report = await TimeReportAsync();
        progress("VACUUM (ANALYZE) of the aggregate tables, then the report again");
        await ReportQueries.VacuumAnalyzeAsync(OnboardingDb, results.Population.Tables.Select(t => t.Table), cancellationToken);
        results.ReportAfterVacuum = await TimeReportAsync();
    }

    /// <summary>Logs first (the tail is evidence), then the gateway, Onboarding, and the infrastructure.</summary>
    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            results.ServiceLogs = [.. hopChainLogs, .. services.Logs(lastLines: 40)];
            await services.DisposeAsync();
        }

        if (infrastructure is not null)
        {
            await infrastructure.DisposeAsync();
        }
    }

    private async Task<ReportTimings> TimeReportAsync() => new(
        await ReportQueries.ThroughGatewayAsync(Services.GatewayUrl, Services.OperatorToken, options.ReportQueries, cancellationToken),
        await ReportQueries.InProcessAsync(OnboardingDb, options.ReportQueries, cancellationToken));

    /// <summary>One journey per connection, each with its own clients (ids below <paramref name="clientPrefix"/>).</summary>
    private StepJourney[] Journeys(Uri stepRoute, string clientPrefix) =>
        [.. Enumerable.Range(0, load.Connections).Select(i => new StepJourney(stepRoute, $"{clientPrefix}-{i}", seed: i))];

    private ResourceProbe Probe() =>
        ResourceProbe.ForPlatform(Infra, BenchApp, [Services.Gateway, Services.Onboarding], "onboarding");

    private const string BenchApp = "bench app (load generator, DevBroker, baseline server)";
}
