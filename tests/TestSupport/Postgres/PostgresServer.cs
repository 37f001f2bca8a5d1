using System.Diagnostics;
using System.Text;
using Npgsql;
using Platform.TestSupport.Network;
using Platform.TestSupport.Processes;

namespace Platform.TestSupport.Postgres;

/// <summary>
/// A throwaway PostgreSQL server from the OS binaries: its own data folder under the temp
/// folder, a free port, trust auth, fsync off (tests only: <see cref="FastSettings"/>). As root it runs as <c>postgres</c>,
/// since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string User = "postgres";
    private readonly StringBuilder log = new();
    private readonly string binaries;
    private readonly string dataDirectory;
    private readonly IReadOnlyDictionary<string, string> settings;
    private Process? process;

    private PostgresServer(string binaries, string dataDirectory, int port, IReadOnlyDictionary<string, string> settings)
    {
        this.binaries = binaries;
        this.dataDirectory = dataDirectory;
        this.settings = settings;
        Port = port;
    }

    /// <summary>
    /// What the tests run with: nothing waits for the disk, so a crash of the machine may lose committed transactions
    /// (a test's data is thrown away anyway). The benchmarks replace them with the production durability settings.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FastSettings { get; } = new Dictionary<string, string>
    {
        ["fsync"] = "off",
        ["synchronous_commit"] = "off",
        ["full_page_writes"] = "off",
    };

    public int Port { get; }

    public string Log { get { lock (log) { return log.ToString(); } } }

    /// <param name="settings">Server settings (-c name=value) added to or replacing <see cref="FastSettings"/>.</param>
    public static async Task<PostgresServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var binaries = FindBinaries();
        var dataDirectory = Path.Combine(Path.GetTempPath(), "platform-tests", "pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dataDirectory);
        if (ChildProcess.IsRoot)
        {
            await ChildProcess.RunAsync("chown", [User, dataDirectory], null, TimeSpan.FromSeconds(10));
        }

        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await ChildProcess.RunAsync(Path.Combine(binaries, "initdb"),
            ["-D", dataDirectory, "-A", "trust", "-U", User, "-E", "UTF8", "--no-sync", "--no-instructions"], User, TimeSpan.FromSeconds(60));

        var all = new Dictionary<string, string>(FastSettings);
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            all[name] = value;
        }

        var server = new PostgresServer(binaries, dataDirectory, FreePorts.One(), all);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>A connection string to <paramref name="database"/> on this server (created by EF's Migrate or <see cref="CreateDatabaseAsync"/>).</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Maximum Pool Size=50;Timeout=5";

    /// <summary>Creates an empty database with a unique name built from <paramref name="prefix"/>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>A unique database name for a test class, for services that create their own database.</summary>
    public string NewDatabaseConnectionString(string prefix) =>
        ConnectionString($"{prefix.ToLowerInvariant()}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)]);

    /// <summary>Stops the server (fast shutdown); the data folder stays for <see cref="StartAsync"/> again.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        await ChildProcess.RunAsync(Path.Combine(binaries, "pg_ctl"), ["stop", "-D", dataDirectory, "-m", "fast", "-w"], User, TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again on the same port and data.</summary>
    public Task RestartAsync() => StartProcessAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (Exception) when (process is not null)
        {
            process.Kill(entireProcessTree: true);
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task StartProcessAsync()
    {
        process = ChildProcess.Start(Path.Combine(binaries, "postgres"),
        [
            "-D", dataDirectory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", dataDirectory,
            // One server serves every test class of an assembly, each with hosts whose pools keep idle connections
            // for minutes: 300 ran out (53300) when a loaded machine slowed the classes down and they overlapped more.
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=800",
            .. settings.SelectMany(s => new[] { "-c", $"{s.Key}={s.Value}" }),
        ], User, log);
        await ChildProcess.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with {process.ExitCode}:\n{Log}");
            }

            await using var connection = new NpgsqlConnection(ConnectionString() + ";Pooling=false");
            await connection.OpenAsync();
            return true;
        }, TimeSpan.FromSeconds(60), $"PostgreSQL answering on port {Port}");
    }

    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL binaries not found under /usr/lib/postgresql/<version>/bin. Run ./platform test, which installs them.");
    }
}
