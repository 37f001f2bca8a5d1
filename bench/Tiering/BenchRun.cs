using System.Diagnostics;
using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Load;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Tiering.Hosting;
using Platform.Bench.Tiering.Reads;
using Platform.Bench.Tiering.Recalculation;
using Platform.Bench.Tiering.Seeding;

namespace Platform.Bench.Tiering;

/// <summary>The phases of one run, in order (Program.cs), and the cleanup that always follows them.</summary>
public sealed class BenchRun(BenchOptions options, BenchResults results, Action<string> progress, CancellationToken cancellationToken) : IAsyncDisposable
{
    public const string ClientPrefix = "c";
    public const string WarmupPrefix = "w";

    // The sweep looks for work every second instead of every 30 s, so that the trigger is seen at once.
    private static readonly Dictionary<string, string> RecalculationSettings = new() { ["Tiering__Sweep__PollInterval"] = "00:00:01" };

    private readonly SeedCalendar calendar = SeedCalendar.At(DateTimeOffset.UtcNow, options.Days);
    private readonly List<ServiceLog> earlierLogs = [];
    private Infrastructure? infrastructure;
    private TieringServices? services;

    private Infrastructure Infra => infrastructure ?? throw new InvalidOperationException("The infrastructure has not started.");

    private TieringServices Services => services ?? throw new InvalidOperationException("The services have not started.");

    /// <summary>5% of the clients, at most 50,000: enough rounds of the sweep for the JIT's optimised code.</summary>
    private int WarmupClients => Math.Min(50_000, options.Clients / 20);

    public async Task StartInfrastructureAsync()
    {
        progress("starting PostgreSQL, Redis (OS binaries, free ports) and DevBroker (in-process)");
        infrastructure = await Infrastructure.StartAsync(options.Durability);
        results.DatabaseSettings = await infrastructure.DatabaseSettingsAsync(cancellationToken);
        progress($"PostgreSQL durability ({options.Durability.Name()}): {results.DatabaseSettings}");
    }

    public async Task StartServicesAsync()
    {
        progress("starting Tiering and the Gateway as processes; waiting for /health (Tiering creates its tables)");
        services = await TieringServices.StartAsync(Infra, RecalculationSettings, cancellationToken);
    }

    /// <summary>
    /// The warm-up clients first (due at once: the running sweep recalculates them meanwhile), then the measured ones,
    /// as calculated before the trigger; then VACUUM (ANALYZE), and the wait until the warm-up is done and published.
    /// </summary>
    public async Task SeedAsync()
    {
        progress($"seeding {WarmupClients:N0} warm-up clients (due now) and {options.Clients:N0} clients x {calendar.SnapshotDays.Count} snapshots "
            + $"({calendar.SnapshotDays[0]:yyyy-MM-dd} .. {calendar.SnapshotDays[^1]:yyyy-MM-dd}, today {calendar.Today:yyyy-MM-dd} in Shanghai) with binary COPY");
        results.WarmupSeed = await Seeder.SeedAsync(Services.TieringDb, WarmupPrefix, WarmupClients, calendar, new ClientStates(calendar, Trigger.Day),
            calendar.Yesterday, seed: 7, cancellationToken);
        results.Seed = await Seeder.SeedAsync(Services.TieringDb, ClientPrefix, options.Clients, calendar, new ClientStates(calendar, options.Trigger),
            calendar.Today, seed: 42, cancellationToken);
        progress($"seeded in {results.Seed.Elapsed.TotalSeconds:0.0} s; VACUUM (ANALYZE)");
        var vacuum = Stopwatch.StartNew();
        await Seeder.VacuumAnalyzeAsync(Services.TieringDb, cancellationToken);
        results.VacuumTook = vacuum.Elapsed;
        await Phase().WaitQuietAsync("warm-up recalculation");
    }

    public async Task MeasureRecalculationAsync() =>
        results.Recalculation = await Phase().RunAsync(options.Trigger, results.Seed!, Probe());

    /// <summary>Tiering with its own settings again (no 1 s polling), an empty Redis, client tokens, then the load.</summary>
    public async Task MeasureReadsAsync()
    {
        if (options.ReadClients == 0)
        {
            return;
        }

        progress("restarting Tiering with its default settings; emptying Redis");
        earlierLogs.Add(await Services.RestartTieringAsync(new Dictionary<string, string>(), cancellationToken) with { Name = "tiering (recalculation phase)" });
        await RedisStats.FlushAsync(Infra.Redis.ConnectionString);

        progress($"minting {options.ReadClients:N0} client tokens through POST /v1/dev/tokens");
        var minting = Stopwatch.StartNew();
        var (ids, tokens) = await ClientTokens.MintAsync(Services.GatewayUrl, ClientPrefix, options.Clients, options.ReadClients, seed: 11, cancellationToken);
        var mintingTook = minting.Elapsed;

        var load = new LoadSettings(options.Connections, TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.Seconds));
        progress($"GET /v1/clients/{{id}}/tier: {load.Connections} connections, {load.Warmup.TotalSeconds:0} s warm-up + {load.Duration.TotalSeconds:0} s measured");
        var probe = new ReadProbe(Probe(), Infra.Redis.ConnectionString, await RedisStats.ReadAsync(Infra.Redis.ConnectionString));
        var sources = Enumerable.Range(0, load.Connections).Select(i => new ClientReads(Services.GatewayUrl, "/v1/clients/{0}/tier", ids, tokens, seed: i)).ToArray();
        var result = await LoadGenerator.RunAsync(new LoadTarget("gateway -> Tiering (Redis, else PostgreSQL)", "200"), load, sources, probe, cancellationToken);
        results.Reads = new ReadResult(result, probe.Usage, probe.WarmUp, probe.Window, ids.Length, mintingTook);
    }

    /// <summary>Logs first (the tail is evidence), then the gateway, Tiering, and the infrastructure.</summary>
    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            results.ServiceLogs = [.. earlierLogs, .. services.Logs(lastLines: 40)];
            await services.DisposeAsync();
        }

        if (infrastructure is not null)
        {
            await infrastructure.DisposeAsync();
        }
    }

    private RecalculationPhase Phase() => new(Infra, Services, calendar, progress, cancellationToken);

    private ResourceProbe Probe() =>
        ResourceProbe.ForPlatform(Infra, "bench app (progress polls, load generator, DevBroker)", [Services.Gateway, Services.Tiering], "tiering");
}
