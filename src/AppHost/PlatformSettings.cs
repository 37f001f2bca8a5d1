using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>The app host's own configuration, section <c>Platform</c>: mode, data folder and ports.</summary>
internal sealed record PlatformSettings(bool IsLocal, string DataDir, PlatformPorts Ports, bool DynamicServicePorts)
{
    public static PlatformSettings From(IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Platform");
        var mode = section["Mode"] ?? "local";
        if (mode is not ("local" or "external"))
        {
            throw new InvalidOperationException($"Platform:Mode must be 'local' or 'external', not '{mode}'.");
        }

        // The repository root is two levels above src/AppHost; relative data folders are taken from there.
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        var dataDir = Path.GetFullPath(section["DataDir"] is { Length: > 0 } dir ? dir : ".platform", root);

        var ports = section.GetSection("Ports");
        return new PlatformSettings(
            IsLocal: mode == "local",
            DataDir: dataDir,
            Ports: new PlatformPorts(
                Gateway: Port(ports, "Gateway", 8080),
                Kafka: Port(ports, "Kafka", 19092),
                Redis: Port(ports, "Redis", 16379),
                Postgres: Port(ports, "Postgres", 15432)),
            DynamicServicePorts: section.GetValue("DynamicServicePorts", false));
    }

    private static int Port(IConfigurationSection ports, string name, int fallback)
    {
        var port = ports.GetValue(name, fallback);
        return port is > 0 and < 65536
            ? port
            : throw new InvalidOperationException($"Platform:Ports:{name} must be a TCP port (1-65535), not {port}.");
    }
}

internal sealed record PlatformPorts(int Gateway, int Kafka, int Redis, int Postgres);
