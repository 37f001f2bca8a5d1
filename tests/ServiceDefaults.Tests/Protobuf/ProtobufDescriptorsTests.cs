using System.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Tests.Protobuf;

/// <summary>
/// Every service turns off Google.Protobuf's unlocked extension cache in AddServiceDefaults, before its host has threads
/// (ProtobufDescriptors). This test assembly alone does not turn it off at load (tests/Directory.Build.props), so nothing
/// else here can have done it.
/// </summary>
public sealed class ProtobufDescriptorsTests
{
    [Fact]
    public void AddServiceDefaultsTurnsOffGoogleProtobufsUnlockedExtensionCache()
    {
        var builder = Host.CreateApplicationBuilder();

        builder.AddServiceDefaults();

        var enabled = typeof(FileDescriptor).GetField("extensionCachingEnabled", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.True(enabled is not null,
            "Google.Protobuf no longer has its extension cache switch: check whether "
            + "https://github.com/protocolbuffers/protobuf/issues/29696 is fixed in this version and ProtobufDescriptors still needed.");
        Assert.Equal(false, enabled.GetValue(null));
    }
}
