using System.Reflection;
using System.Runtime.InteropServices;

namespace Platform.DevBroker.Native;

// Binds this assembly's P/Invokes to the librdkafka file Confluent.Kafka already loaded.
// A second copy (another build, or the same file loaded by a different name) would be a
// separate library instance whose mock cluster and client state the rest of the process
// cannot see, so the path is read back from the process's memory map.
internal static class LibrdkafkaLibrary
{
    public const string Name = "librdkafka";

    private static readonly Lazy<string> LoadedPath = new(Bind, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string EnsureBound() => LoadedPath.Value;

    private static string Bind()
    {
        try
        {
            Confluent.Kafka.Library.Load();
        }
        catch (Exception ex) when (ex is DllNotFoundException or BadImageFormatException or InvalidOperationException)
        {
            throw new DllNotFoundException($"DevBroker could not load librdkafka through Confluent.Kafka: {ex.Message}", ex);
        }

        var path = FindLoadedPath();
        var handle = NativeLibrary.Load(path);
        NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLibrary).Assembly,
            (name, _, _) => name == Name ? handle : IntPtr.Zero);
        return path;
    }

    private static string FindLoadedPath()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            throw new PlatformNotSupportedException(
                $"DevBroker finds the librdkafka that Confluent.Kafka loaded through {maps}, which this OS lacks; run it on Linux.");
        }

        var path = File.ReadLines(maps)
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..].Trim() : null)
            .FirstOrDefault(p => p is not null && Path.GetFileName(p).Contains("librdkafka", StringComparison.Ordinal));

        return path ?? throw new DllNotFoundException(
            $"Confluent.Kafka.Library.Load() succeeded but no librdkafka appears in {maps}; " +
            $"check the librdkafka.redist runtimes next to {Assembly.GetEntryAssembly()?.Location ?? "the application"}.");
    }
}
