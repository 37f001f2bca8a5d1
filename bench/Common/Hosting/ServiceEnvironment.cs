using Platform.TestSupport.Network;

namespace Platform.Bench.Common.Hosting;

/// <summary>
/// The environment the benchmarks give the platform's processes: connection strings, Kestrel
/// endpoints on free ports, and the settings local mode sets, as the app host would, plus the
/// what-if overrides of this app's environment (<see cref="Overrides"/>).
/// </summary>
public static class ServiceEnvironment
{
    /// <summary>Local mode only: a fixed key, shared by the gateway (which mints tokens with it) and the services (which check them).</summary>
    public const string DevSigningKey = "bench-platform-dev-signing-key-0123456789abcdef";

    /// <summary>
    /// A platform service (onboarding, tiering, ...) on its own database, Redis and DevBroker; gRPC and
    /// health on the given ports; <paramref name="settings"/> and then the overrides on top.
    /// </summary>
    public static Dictionary<string, string> Service(string service, Infrastructure infrastructure, ServicePorts ports,
        IReadOnlyDictionary<string, string>? settings = null) => new Dictionary<string, string>
    {
        [$"ConnectionStrings__{service}db"] = infrastructure.Database(service),
        ["ConnectionStrings__redis"] = infrastructure.Redis.ConnectionString,
        ["ConnectionStrings__kafka"] = infrastructure.Kafka.BootstrapServers,
        ["Kestrel__Endpoints__grpc__Url"] = $"http://127.0.0.1:{ports.Grpc}",
        ["Kestrel__Endpoints__health__Url"] = $"http://127.0.0.1:{ports.Health}",
        // As the app host sets them in local mode: DevBroker serves the KIP-848 group protocol, and the
        // service checks the gateway's dev tokens (accepted in the Development environment only).
        ["Messaging__Consumer__GroupProtocol"] = "consumer",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Platform__Auth__DevSigningKey"] = DevSigningKey,
    }.With(settings ?? new Dictionary<string, string>()).With(Overrides(service));

    /// <summary>
    /// The gateway in local mode (dev tokens with <see cref="DevSigningKey"/>) in front of the given services'
    /// gRPC ports (service discovery's services__{name}__grpc__0), with a rate limit far above what the bench sends.
    /// </summary>
    public static Dictionary<string, string> Gateway(Infrastructure infrastructure, int port, IReadOnlyDictionary<string, ServicePorts> services)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__kafka"] = infrastructure.Kafka.BootstrapServers,
            // Dev tokens work only in environment Development: the gateway refuses to start with them otherwise.
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Gateway__DevTokens"] = "true",
            ["Gateway__Auth__DevSigningKey"] = DevSigningKey,
            // The bench's callers send far more than a real caller: a limit they never reach.
            ["Gateway__RateLimit__Roles__client__PermitsPerSecond"] = "1000000",
            ["Gateway__RateLimit__Roles__client__Burst"] = "1000000",
            ["Gateway__RateLimit__Roles__operator__PermitsPerSecond"] = "1000000",
            ["Gateway__RateLimit__Roles__operator__Burst"] = "1000000",
            ["Gateway__RateLimit__Roles__system__PermitsPerSecond"] = "1000000",
            ["Gateway__RateLimit__Roles__system__Burst"] = "1000000",
        };
        foreach (var (name, ports) in services)
        {
            settings[$"services__{name}__grpc__0"] = $"http://127.0.0.1:{ports.Grpc}";
        }

        return settings.With(Overrides("gateway"));
    }

    /// <summary>
    /// Extra settings for one service from this app's environment, for what-if runs without code changes:
    /// BENCH_GATEWAY__Logging__LogLevel__Default=Warning reaches the gateway as Logging__LogLevel__Default=Warning.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Overrides(string service)
    {
        var prefix = $"BENCH_{service.ToUpperInvariant()}__";
        return Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string key && key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => ((string)e.Key)[prefix.Length..], e => (string)e.Value!, StringComparer.Ordinal);
    }

    /// <summary>"none" or "service: key=value; ..." for the results' Run table.</summary>
    public static string DescribeOverrides(params string[] services)
    {
        var overrides = services.SelectMany(service => Overrides(service).Select(o => $"{service}: {o.Key}={o.Value}")).ToList();
        return overrides.Count == 0 ? "none: the services' own appsettings.json" : string.Join("; ", overrides);
    }

    /// <summary>The settings with <paramref name="overrides"/> added or replacing.</summary>
    public static Dictionary<string, string> With(this Dictionary<string, string> settings, IReadOnlyDictionary<string, string> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }
}

/// <summary>A service's gRPC (HTTP/2) and health (HTTP/1.1) ports.</summary>
public sealed record ServicePorts(int Grpc, int Health)
{
    public static ServicePorts Free() => new(FreePorts.One(), FreePorts.One());

    public Uri HealthUrl => new($"http://127.0.0.1:{Health}/health");
}
