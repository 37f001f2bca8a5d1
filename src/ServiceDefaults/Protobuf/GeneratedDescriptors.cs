using System.Reflection;
using Google.Protobuf.Reflection;

namespace Platform.ServiceDefaults.Protobuf;

/// <summary>
/// Builds the descriptor of every protoc-generated .proto file a process can reach, one at a time, before the
/// process has threads that could build two at once.
/// </summary>
/// <remarks>
/// Google.Protobuf 3.36.0 to 3.36.2 keep a static, unlocked Dictionary of each file's extensions
/// (<c>FileDescriptor.allDependedExtensionsCache</c>) that every generated <c>*Reflection</c> class writes while its
/// static constructor builds its file. Two such constructors on two threads can corrupt it
/// (https://github.com/protocolbuffers/protobuf/issues/29696, open): the type initializer then throws, and the
/// runtime remembers that failure, so every later use of that message type in the process throws too. One CI run
/// lost 22 tests this way when Engagement and Content, hosted in one test process, registered their consumers at the
/// same moment. A service that first met two event types on two consumer threads would be broken until restarted.
/// Grpc 2.85 needs Google.Protobuf 3.36.2 or newer, so the version cannot go back; once every generated file is built
/// the cache holds every dependency, later builds (another assembly's copy of a shared .proto) only read it, and
/// concurrent reads of a Dictionary are safe. Drop this when a Google.Protobuf release fixes the issue.
/// </remarks>
public static class GeneratedDescriptors
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> ScannedAssemblies = new(StringComparer.Ordinal);
    private static readonly List<FileDescriptor> Built = [];
    private static readonly string ProtobufAssemblyName = typeof(FileDescriptor).Assembly.GetName().Name!;

    /// <summary>
    /// Builds the file descriptors of <paramref name="root"/>, of every assembly it references (transitively,
    /// the .NET framework's own left out) and of every assembly already loaded. Safe to call from several threads
    /// and more than once: each assembly is scanned once per process.
    /// </summary>
    /// <returns>Every file descriptor built so far by this class, these assemblies' and earlier calls'.</returns>
    public static IReadOnlyList<FileDescriptor> InitializeAll(Assembly root)
    {
        ArgumentNullException.ThrowIfNull(root);
        lock (Gate)
        {
            foreach (var assembly in Reachable(root))
            {
                if (ScannedAssemblies.Add(assembly.FullName ?? assembly.GetName().Name!))
                {
                    Built.AddRange(DeclaredFiles(assembly));
                }
            }

            return Built.ToArray();
        }
    }

    private static IEnumerable<FileDescriptor> DeclaredFiles(Assembly assembly)
    {
        if (!UsesProtobuf(assembly))
        {
            yield break;
        }

        foreach (var type in LoadableTypes(assembly))
        {
            // protoc emits one static class per file, "<File>Reflection", whose static Descriptor property builds
            // the file (and, first, the files it imports).
            if (type is { IsAbstract: true, IsSealed: true, IsGenericTypeDefinition: false }
                && type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static) is { } property
                && property.PropertyType == typeof(FileDescriptor)
                && property.GetValue(null) is FileDescriptor file)
            {
                yield return file;
            }
        }
    }

    private static List<Assembly> Reachable(Assembly root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var found = new List<Assembly>();
        var pending = new Stack<Assembly>(AppDomain.CurrentDomain.GetAssemblies().Prepend(root));
        while (pending.TryPop(out var assembly))
        {
            var name = assembly.GetName().Name;
            if (assembly.IsDynamic || name is null || IsFramework(name) || !seen.Add(name))
            {
                continue;
            }

            found.Add(assembly);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (reference.Name is { } referenced && !IsFramework(referenced) && !seen.Contains(referenced)
                    && TryLoad(reference) is { } loaded)
                {
                    pending.Push(loaded);
                }
            }
        }

        return found;
    }

    // The framework's assemblies carry no protoc-generated code; skipping them keeps the walk from loading dozens
    // of assemblies the service never uses.
    private static bool IsFramework(string name) =>
        name.StartsWith("System", StringComparison.Ordinal)
        || name.StartsWith("Microsoft.", StringComparison.Ordinal)
        || name is "mscorlib" or "netstandard" or "WindowsBase";

    private static bool UsesProtobuf(Assembly assembly) =>
        assembly.GetName().Name == ProtobufAssemblyName
        || assembly.GetReferencedAssemblies().Any(reference => reference.Name == ProtobufAssemblyName);

    // A reference that is not deployed (an optional dependency of a library) is no generated code of ours.
    private static Assembly? TryLoad(AssemblyName reference)
    {
        try
        {
            return Assembly.Load(reference);
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null;
        }
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            return ex.Types.OfType<Type>();
        }
    }
}
