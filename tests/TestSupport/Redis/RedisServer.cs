using System.Diagnostics;
using System.Globalization;
using System.Text;
using Platform.TestSupport.Network;
using Platform.TestSupport.Processes;
using StackExchange.Redis;

namespace Platform.TestSupport.Redis;

/// <summary>A throwaway redis-server on a free port, without persistence; can be stopped and started again to test outages.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly StringBuilder log = new();
    private Process? process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>StackExchange.Redis connection string.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var server = new RedisServer(FreePorts.One());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port.</summary>
    public async Task RestartAsync()
    {
        var executable = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("redis-server not found. Run ./platform test, which installs it.");
        process = ChildProcess.Start(executable,
            ["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no"],
            null, log);
        await ChildProcess.WaitUntilAsync(async () =>
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",abortConnect=true,connectTimeout=500");
            await connection.GetDatabase().PingAsync();
            return true;
        }, TimeSpan.FromSeconds(30), $"Redis answering on port {Port}");
    }

    /// <summary>Kills the server, as an outage would.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
