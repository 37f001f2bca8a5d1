using Npgsql;
using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Common.Measuring;

/// <summary>
/// PostgreSQL's durability settings as the running server reports them (not as this app asked for them), and the
/// file system its data folder is on: fsync on a tmpfs would keep nothing either.
/// </summary>
public static class DatabaseSettings
{
    /// <returns>e.g. "fsync=on, synchronous_commit=on, full_page_writes=on, wal_sync_method=fdatasync; data folder on ext4 (/dev/vda)".</returns>
    public static async Task<string> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        var values = await CurrentAsync(connectionString, [.. DurabilityExtensions.ReportedSettings, "data_directory"], cancellationToken);
        return $"{Listed(values, DurabilityExtensions.ReportedSettings)}; data folder on {FileSystemOf(values.GetValueOrDefault("data_directory", "/"))}";
    }

    /// <returns>PostgreSQL's memory and checkpoint settings in its own units, e.g. "shared_buffers=1GB, wal_buffers=16MB, max_wal_size=4GB, checkpoint_timeout=5min".</returns>
    public static async Task<string> MemoryAsync(string connectionString, CancellationToken cancellationToken) =>
        Listed(await CurrentAsync(connectionString, PostgresMemoryExtensions.ReportedSettings, cancellationToken), PostgresMemoryExtensions.ReportedSettings);

    /// <summary>The settings' values as the running server reports them (current_setting, in the units it shows them in).</summary>
    private static async Task<Dictionary<string, string>> CurrentAsync(string connectionString, string[] names, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT name, current_setting(name) FROM unnest(@names) AS name", connection);
        command.Parameters.AddWithValue("names", names);
        var values = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            values[reader.GetString(0)] = reader.GetString(1);
        }

        return values;
    }

    private static string Listed(Dictionary<string, string> values, IEnumerable<string> names) =>
        string.Join(", ", names.Select(name => $"{name}={values.GetValueOrDefault(name, "?")}"));

    /// <summary>The longest mount point of /proc/mounts that holds <paramref name="path"/>: "ext4 (/dev/vda)".</summary>
    private static string FileSystemOf(string path)
    {
        try
        {
            var mount = File.ReadAllLines("/proc/mounts").Select(line => line.Split(' '))
                .Where(f => f.Length >= 3 && (path == f[1] || path.StartsWith(f[1].TrimEnd('/') + "/", StringComparison.Ordinal)))
                .MaxBy(f => f[1].Length);
            return mount is null ? "?" : $"{mount[2]} ({mount[0]})";
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
