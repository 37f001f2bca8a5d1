using System.Runtime.CompilerServices;
using Platform.ServiceDefaults.Protobuf;

namespace Platform.TestSupport;

/// <summary>
/// Compiled into every test assembly (tests/Directory.Build.props): builds every protoc-generated descriptor the
/// tests can reach before the first test runs. Test classes run in parallel and one process hosts several services,
/// so without this two threads could build descriptors at once and hit Google.Protobuf's unlocked cache
/// (see <see cref="GeneratedDescriptors"/>).
/// </summary>
internal static class GeneratedDescriptorsFirst
{
    [ModuleInitializer]
    internal static void BuildBeforeAnyTest() => GeneratedDescriptors.InitializeAll(typeof(GeneratedDescriptorsFirst).Assembly);
}
