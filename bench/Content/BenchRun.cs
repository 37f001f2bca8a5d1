using System.Diagnostics;
using Npgsql;
using Platform.Bench.Common.Hosting;
using Platform.Bench.Common.Load;
using Platform.Bench.Common.Measuring;
using Platform.Bench.Content.Experiments;
using Platform.Bench.Content.Reads;
using Platform.Bench.Content.Seeding;
using StackExchange.Redis;

namespace Platform.Bench.Content;

/// <summary>The phases of one run, in order (Program.cs), and the cleanup that always follows them.</summary>
public sealed class BenchRun(BenchOptions options, BenchResults results, Action<string> progress, CancellationToken cancellationToken) : IAsyncDisposable
{
    /// <summary>The hop chain's database (and Redis key prefix): its Content still starts as usual (migrations, seeded catalogue, health).</summary>
    public const string HopChainDatabase = "contenthops";

    public const string FeedRoute = "/v1/clients/{0}/feed";

    private const string BenchApp = "bench app (load generator, DevBroker, baseline server)";

    private readonly LoadSettings load = new(options.Connections, TimeSpan.FromSeconds(options.WarmupSeconds), TimeSpan.FromSeconds(options.Seconds));
    private readonly string[] clientIds = [.. Enumerable.Range(0, options.Clients).Select(ClientModel.ClientId)];
    private readonly List<ServiceLog> hopChainLogs = [];
    private string[] tokens = [];
    private string operatorToken = string.Empty;
    private Infrastructure? infrastructure;
    private ServiceChain? services;

    private Infrastructure Infra => infrastructure ?? throw new InvalidOperationException("The infrastructure has not started.");

    private ServiceChain Services => services ?? throw new InvalidOperationException("The services have not started.");

    private string ContentDb => Infra.Database("content");

    /// <summary>
    /// The hop chain's Content: feeds from memory (refused unless DOTNET_ENVIRONMENT is Development, which ServiceEnvironment sets),
    /// on a database, consumer groups and Redis keys of its own so that it shares nothing with the other.
    /// </summary>
    private Dictionary<string, string> HopChainSettings => new()
    {
        ["Content__Benchmark__AnswerFeedsFromMemory"] = "true",
        ["ConnectionStrings__contentdb"] = Infra.Database(HopChainDatabase),
        ["Messaging__ConsumerGroupSuffix"] = "-hops",
        ["Redis__KeyPrefix"] = HopChainDatabase + ":",
    };

    public async Task StartInfrastructureAsync() => infrastructure = await Infrastructure.StartAsync(results, progress, cancellationToken);

    public async Task StartServicesAsync()
    {
        progress("starting Content and the Gateway as processes; waiting for /health (Content creates its tables and seeds its catalogue)");
        services = await ServiceChain.StartAsync(Infra, "content", "Content", null, cancellationToken);
        operatorToken = await DevTokens.MintAsync(Services.GatewayUrl, "operator", "bench-operator", cancellationToken);
        progress($"minting {clientIds.Length:N0} client tokens through POST /v1/dev/tokens");
        var minting = Stopwatch.StartNew();
        tokens = await DevTokens.MintAllAsync(Services.GatewayUrl, "client", clientIds, cancellationToken);
        results.MintingTook = minting.Elapsed;
    }

    public async Task SeedCatalogueAsync()
    {
        progress($"adding {options.Items:N0} targeted items and {CatalogueSeeder.Segments.Length} segments through the gateway");
        results.Catalogue = await CatalogueSeeder.SeedAsync(Services.GatewayUrl, operatorToken, options.Items, cancellationToken);
    }

    /// <summary>
    /// The same load through a second gateway and Content, this one answering feeds from memory: the hop chain alone (HTTP,
    /// the gateway's auth and checks, gRPC, Content's auth), the ceiling of this design here. Before the profiles are published,
    /// so that its consumer has nothing to handle; stopped afterwards, so that it takes nothing from the phases after it.
    /// </summary>
    public async Task MeasureHopChainAsync()
    {
        progress($"hop chain: starting a second Content (Content:Benchmark:AnswerFeedsFromMemory=true, database {HopChainDatabase}) and a gateway in front of it");
        await using var hops = await ServiceChain.StartAsync(Infra, "content", "Content", HopChainSettings, cancellationToken);
        try
        {
            var hopOperator = await DevTokens.MintAsync(hops.GatewayUrl, "operator", "bench-operator", cancellationToken);
            await CatalogueSeeder.SeedAsync(hops.GatewayUrl, hopOperator, options.Items, cancellationToken);
            results.HopChain = await MeasureAsync("hop chain: gateway -> Content answering feeds from memory", hops.GatewayUrl,
                ResourceProbe.ForPlatform(Infra, BenchApp, [hops.Gateway, hops.Service], HopChainDatabase));
            results.HopChainWrites = await HopChainWritesAsync();
        }
        finally
        {
            hopChainLogs.AddRange(hops.Logs(lastLines: 40).Select(log => log with { Name = $"{log.Name} (hop-chain phase)" }));
        }
    }

    public async Task SeedProfilesAsync()
    {
        progress($"building {options.Clients:N0} profiles: onboarding and tiering events published to DevBroker, operator tags through the gateway");
        results.Profiles = await ProfileSeeder.SeedAsync(Infra.Kafka.BootstrapServers, Services.GatewayUrl, operatorToken, ContentDb, options.Clients,
            progress, cancellationToken);
    }

    public async Task MeasureBaselineAsync()
    {
        var feed = await AnswerSample.TakeAsync(Services.GatewayUrl, clientIds, tokens, seed: 5, cancellationToken);
        await using var baseline = await BaselineFeedServer.StartAsync(feed.MedianBody);
        results.Baseline = await MeasureAsync("baseline: plain Kestrel GET (in-process)", baseline.Url("/"), Probe());
    }

    public async Task MeasureFeedReadsAsync() =>
        results.Gateway = await MeasureAsync("gateway -> Content (Redis, else PostgreSQL)", Services.GatewayUrl, Probe());

    public async Task MeasureResultsAsync()
    {
        if (options.Exposures == 0)
        {
            return;
        }

        progress($"results: a running experiment, then {options.Exposures:N0} exposures written by SQL ({nameof(ExposureSeeder)})");
        await ResultsQueries.CreateExperimentAsync(Services.GatewayUrl, operatorToken, cancellationToken);
        results.Exposures = await ExposureSeeder.SeedAsync(ContentDb, ResultsQueries.ExperimentKey, ResultsQueries.ItemIds, options.Exposures, cancellationToken);
        progress($"results: {options.ResultsQueries} x GET /v1/experiments/{ResultsQueries.ExperimentKey}/results");
        results.Results = await ResultsQueries.TimeAsync(Services.GatewayUrl, operatorToken, options.ResultsQueries, cancellationToken);
    }

    /// <summary>Logs first (the tail is evidence), then the gateway, Content, and the infrastructure.</summary>
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

    /// <summary>One read phase: the load over every client with its own token, Redis's counters, and a sample of the answers.</summary>
    private async Task<ReadPhase> MeasureAsync(string name, Uri target, ResourceProbe resources)
    {
        progress($"{name}: {load.Connections} connections, {load.Warmup.TotalSeconds:0} s warm-up + {load.Duration.TotalSeconds:0} s measured");
        var probe = new ReadProbe(resources, Infra.Redis.ConnectionString, await RedisStats.ReadAsync(Infra.Redis.ConnectionString));
        var sources = Enumerable.Range(0, load.Connections).Select(i => new ClientReads(target, FeedRoute, clientIds, tokens, seed: i)).ToArray();
        var result = await LoadGenerator.RunAsync(new LoadTarget(name, "200"), load, sources, probe, cancellationToken);
        var answers = await AnswerSample.TakeAsync(target, clientIds, tokens, seed: 9, cancellationToken);
        return new ReadPhase(result, probe.Usage, probe.WarmUp, probe.Window, answers);
    }

    private ResourceProbe Probe() => ResourceProbe.ForPlatform(Infra, BenchApp, [Services.Gateway, Services.Service], "content");

    /// <summary>What the hop chain's Content wrote for clients: Redis keys under its prefix, profile and exposure rows. None, or the switch did not work.</summary>
    private async Task<long> HopChainWritesAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Infra.Redis.ConnectionString + ",allowAdmin=true");
        var keys = 0L;
        await foreach (var _ in redis.GetServers()[0].KeysAsync(pattern: HopChainDatabase + ":content:feed:*"))
        {
            keys++;
        }

        await using var connection = new NpgsqlConnection(Infra.Database(HopChainDatabase));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT (SELECT count(*) FROM client_profiles) + (SELECT count(*) FROM experiment_exposures)", connection);
        return keys + (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
