using System.Reflection;
using Google.Protobuf.Reflection;
using Platform.ServiceDefaults.Protobuf;
using Platform.TestSupport.Repository;

namespace Platform.Gateway.Tests.Protobuf;

/// <summary>
/// The warm-up that keeps Google.Protobuf's unlocked extension cache from being written by two threads
/// (<see cref="GeneratedDescriptors"/>). This test assembly references all five services, like a process hosting
/// them all, so it reaches every .proto the platform compiles.
/// </summary>
public sealed class GeneratedDescriptorsTests
{
    private static readonly Assembly Tests = typeof(GeneratedDescriptorsTests).Assembly;

    [Fact]
    public void EveryProtoFileOfEveryServiceIsBuiltByTheWarmUp()
    {
        var built = GeneratedDescriptors.InitializeAll(Tests).Select(file => Path.GetFileName(file.Name)).ToHashSet();

        var protos = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.proto", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToHashSet();
        Assert.NotEmpty(protos);
        Assert.Empty(protos.Except(built));
        Assert.Contains("timestamp.proto", built);   // Google.Protobuf's own well-known types, which ours import
    }

    [Fact]
    public void AfterTheWarmUpEveryImportedFileIsInTheLibrarysSharedCacheSoLaterBuildsOnlyReadIt()
    {
        var files = GeneratedDescriptors.InitializeAll(Tests);

        var cacheField = typeof(FileDescriptor).GetField("allDependedExtensionsCache", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.True(cacheField is not null,
            "Google.Protobuf no longer has its static extension cache: check whether "
            + "https://github.com/protocolbuffers/protobuf/issues/29696 is fixed in this version and, if so, remove GeneratedDescriptors.");
        var cached = ((System.Collections.IDictionary)cacheField.GetValue(null)!).Keys.Cast<string>().ToHashSet();

        var imported = files.SelectMany(file => file.Dependencies).Select(dependency => dependency.Name).ToHashSet();
        Assert.NotEmpty(imported);
        Assert.Empty(imported.Except(cached));
    }
}
