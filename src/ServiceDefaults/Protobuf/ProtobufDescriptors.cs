using Google.Protobuf.Reflection;

namespace Platform.ServiceDefaults.Protobuf;

/// <summary>How the processes of the platform build protoc-generated descriptors.</summary>
public static class ProtobufDescriptors
{
    /// <summary>
    /// Turns off Google.Protobuf's process-wide cache of imported files' extensions; call it before the process has threads
    /// that could build descriptors.
    /// </summary>
    /// <remarks>
    /// From 3.36.0 on (3.36.2 here, the oldest Grpc 2.85 accepts), Google.Protobuf keeps that cache in a static Dictionary
    /// without a lock, written while a generated <c>*Reflection</c> class's static constructor builds its file. Two such
    /// constructors on two threads can corrupt it (https://github.com/protocolbuffers/protobuf/issues/29696, open): the type
    /// initializer throws and the runtime remembers it, so every later use of that message type in the process throws too.
    /// One CI run lost 22 tests this way (Engagement and Content, hosted in one test process, registered their consumers at
    /// once); a service that met two event types first on two consumer threads would be broken until restarted. With the
    /// cache off each file works out its imports' extensions itself, once per process: a few dozen shallow files here.
    /// </remarks>
    public static void DisableSharedExtensionCache() => FileDescriptor.DisableExtensionCaching();
}
