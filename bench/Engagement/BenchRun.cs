using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Engagement.Baseline;
using Platform.Bench.Engagement.Burst;
using Platform.Bench.Engagement.Hosting;
using Platform.Bench.Engagement.Seeding;

namespace Platform.Bench.Engagement;

/// <summary>The phases of one run, in order (Program.cs), and the cleanup that always follows them.</summary>
public sealed class BenchRun(BenchOptions options, BenchResults results, Action<string> progress, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly DateTimeOffset start = DateTimeOffset.UtcNow;
    private Infrastructure? infrastructure;
    private EngagementServices? services;

    private Infrastructure Infra => infrastructure ?? throw new InvalidOperationException("The infrastructure has not started.");

    private EngagementServices Services => services ?? throw new InvalidOperationException("The services have not started.");

    private string EngagementDb => Infra.Database("engagement");

    private DayModel Measured => new("eb", options.Clients, start);

    private DayModel Warmup => new("ew", Math.Max(100, options.Clients * options.WarmupEvents / options.Events), start);

    /// <summary>A fifth of the warm-up, about clients of its own, drained too (<see cref="WarmUpAsync"/>).</summary>
    private DayModel SecondWarmup => new("ex", Math.Max(100, Warmup.Clients / 5), start);

    private int SecondWarmupEvents => options.WarmupEvents / 5;

    /// <summary>
    /// DevBroker keeps about 5 MiB per partition and drops the oldest beyond it; a burst of a million events (about 70 MB
    /// compressed, most on activity.events) outgrows six partitions while Engagement is still behind, and the dropped
    /// records are lost to it (a run with six stopped at 813,726 of 1,000,000). 24 partitions hold it.
    /// </summary>
    public const int Partitions = 24;

    public async Task StartInfrastructureAsync() => infrastructure = await Infrastructure.StartAsync(results, progress, cancellationToken, Partitions,
        options.Statements ? StatementProfile.ServerSettings : null);

    public async Task StartServicesAsync()
    {
        progress("starting Content (on a broker of its own), Engagement and the Gateway as processes; waiting for /health");
        services = await EngagementServices.StartAsync(Infra, cancellationToken);
        results.Settings = await Services.MoveQuietHoursAwayAsync(cancellationToken);
        progress($"settings: {results.Settings}");
    }

    public async Task SeedAsync()
    {
        var measured = Measured;
        var (warmup, second) = (Warmup, SecondWarmup);
        progress($"seeding the lifecycle state of {measured.ExistingClients:N0} + {warmup.ExistingClients + second.ExistingClients:N0} (warm-up) existing clients");
        results.SeedTook = await ExistingClients.SeedAsync(EngagementDb, measured, start, cancellationToken)
            + await ExistingClients.SeedAsync(EngagementDb, warmup, start, cancellationToken)
            + await ExistingClients.SeedAsync(EngagementDb, second, start, cancellationToken);
        results.SeededClients = measured.ExistingClients + warmup.ExistingClients + second.ExistingClients;
    }

    public async Task WarmUpAsync()
    {
        if (options.WarmupEvents == 0)
        {
            return;
        }

        progress($"warm-up burst: {options.WarmupEvents:N0} events about {Warmup.Clients:N0} other clients (not measured)");
        results.Warmup = await Phase().RunAsync(Warmup, options.WarmupEvents, probes: null);
        // The runtime counts a method's calls towards its optimised recompilation only once no new method has been compiled
        // for a while, which a first burst never allows: perf showed Engagement's JIT busy for the first 4 s of the measured
        // burst after a 100,000-event warm-up (9 % of its CPU). A deployment has long finished that; a second, smaller burst
        // lets the recompilation happen before the measured one.
        if (SecondWarmupEvents > 0)
        {
            progress($"second warm-up burst: {SecondWarmupEvents:N0} events about {SecondWarmup.Clients:N0} other clients (not measured)");
            results.SecondWarmup = await Phase().RunAsync(SecondWarmup, SecondWarmupEvents, probes: null);
        }
    }

    public async Task MeasureBurstAsync()
    {
        progress($"measured burst: {options.Events:N0} events about {options.Clients:N0} clients");
        if (options.Statements)
        {
            await StatementProfile.ResetAsync(Infra.Postgres.ConnectionString(), cancellationToken);
        }

        results.Burst = await Phase().RunAsync(Measured, options.Events, PlatformProbe);
        if (options.Statements)
        {
            results.Statements = await StatementProfile.TopAsync(Infra.Postgres.ConnectionString(), "engagement", count: 15, cancellationToken);
        }
    }

    /// <summary>The bench process's row in the CPU table: DevBroker and the polls always, the publisher while consuming with --backlog off, the raw consumer while it reads.</summary>
    private const string BenchApp = "bench app (DevBroker, polls; the publisher with --backlog off, the raw consumer)";

    /// <summary>CPU of every process of the run (the bench app, Engagement, Content, the gateway, PostgreSQL, Redis) over a window.</summary>
    private ResourceProbe PlatformProbe() =>
        ResourceProbe.ForPlatform(Infra, BenchApp, [Services.Engagement, Services.Content, Services.Gateway], "engagement");

    public async Task MeasureRawAsync()
    {
        var burst = results.Burst ?? throw new InvalidOperationException("The burst has not run.");
        (results.Raw, results.RawUsage) = await ReadRawAsync(RawClient.ShortFetchBackoff, burst);
        (results.RawDefaults, results.RawDefaultsUsage) = await ReadRawAsync(RawClient.Defaults, burst);
        progress($"Engagement {burst.EventsPerSecond:N0} events/s: ratio {results.Ratio:0.000} (to the client's defaults {results.RatioToDefaults:0.000})");
    }

    private async Task<(RawResult, ResourceUsage?)> ReadRawAsync(RawClient client, BurstResult burst)
    {
        progress($"baseline: a plain Confluent consumer ({client}) reads the burst's {burst.Events:N0} records, {RawConsumption.Reads} times");
        var probe = PlatformProbe();
        await probe.WindowStartedAsync();
        RawResult raw;
        try
        {
            raw = RawConsumption.Run(client, Infra.Kafka.BootstrapServers, burst.Records.Before, burst.Records.After, cancellationToken);
        }
        finally
        {
            await probe.WindowEndedAsync();
        }

        progress($"raw consumption ({client}): {raw.PerSecond:N0} records/s (median of "
            + $"{string.Join(", ", raw.Reads.Select(r => $"{r.PerSecond:N0} waiting {r.Waited.TotalSeconds:0.0} of {r.Elapsed.TotalSeconds:0.0} s"))})");
        return (raw, probe.Usage);
    }

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

    private BurstPhase Phase() => new(Infra, EngagementDb, options.Backlog ? Services.Engagement : null, progress, cancellationToken);
}
