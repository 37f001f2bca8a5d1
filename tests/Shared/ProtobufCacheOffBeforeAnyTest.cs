using System.Runtime.CompilerServices;
using Platform.ServiceDefaults.Protobuf;

namespace Platform.TestSupport;

/// <summary>
/// Compiled into the test assemblies (tests/Directory.Build.props): test classes run in parallel and one process hosts
/// several services, so Google.Protobuf's unlocked cache goes off before the first test builds a descriptor
/// (<see cref="ProtobufDescriptors.DisableSharedExtensionCache"/>).
/// </summary>
internal static class ProtobufCacheOffBeforeAnyTest
{
    [ModuleInitializer]
    internal static void DisableSharedExtensionCache() => ProtobufDescriptors.DisableSharedExtensionCache();
}
