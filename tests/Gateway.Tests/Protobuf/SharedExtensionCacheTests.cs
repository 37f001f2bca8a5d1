using System.Collections;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace Platform.Gateway.Tests.Protobuf;

/// <summary>
/// Google.Protobuf's unlocked extension cache stays empty in a test process hosting every service, however many threads
/// build their descriptors: the test assemblies turn it off as they load (tests/Shared/ProtobufCacheOffBeforeAnyTest.cs;
/// ServiceDefaults.Tests proves AddServiceDefaults does it for the services). Two threads writing it at once cost a CI run
/// 22 tests.
/// </summary>
public sealed class SharedExtensionCacheTests
{
    private static readonly string[] Services = ["Onboarding", "Tiering", "Content", "Engagement", "Gateway"];

    [Fact]
    public void EveryServicesDescriptorsBuiltOnManyThreadsLeaveGoogleProtobufsSharedCacheUnwritten()
    {
        var generated = Services.Select(Assembly.Load).SelectMany(GeneratedFiles).ToList();
        Assert.True(generated.Count > 20, $"only {generated.Count} generated files found");

        var built = new System.Collections.Concurrent.ConcurrentBag<FileDescriptor>();
        Parallel.ForEach(generated, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            property => built.Add((FileDescriptor)property.GetValue(null)!));

        Assert.Equal(generated.Count, built.Count);
        var cache = typeof(FileDescriptor).GetField("allDependedExtensionsCache", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.True(cache is not null,
            "Google.Protobuf no longer has its static extension cache: check whether "
            + "https://github.com/protocolbuffers/protobuf/issues/29696 is fixed in this version and ProtobufDescriptors still needed.");
        Assert.Empty((IDictionary)cache.GetValue(null)!);
    }

    // protoc emits one static "<File>Reflection" class per .proto, whose static Descriptor builds the file.
    private static IEnumerable<PropertyInfo> GeneratedFiles(Assembly assembly) =>
        assembly.GetTypes()
            .Where(type => type is { IsAbstract: true, IsSealed: true })
            .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .OfType<PropertyInfo>()
            .Where(property => property.PropertyType == typeof(FileDescriptor));
}
