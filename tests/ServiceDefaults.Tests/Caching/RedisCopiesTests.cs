using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.ServiceDefaults.Caching;
using Platform.TestSupport.Redis;
using StackExchange.Redis;

namespace Platform.ServiceDefaults.Tests.Caching;

/// <summary>
/// Cached copies carry the version of the rows they were made from, and an older copy never
/// replaces a newer one: a read-through fill that read the database before a commit must not
/// land over that commit's refresh and stay stale for its time to live.
/// </summary>
public sealed class RedisCopiesTests(RedisFixture redis) : IAsyncLifetime
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private ConnectionMultiplexer connection = null!;
    private RedisCopies copies = null!;

    public async ValueTask InitializeAsync()
    {
        connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        copies = new RedisCopies(connection, NullLogger<RedisCopies>.Instance, keyPrefix: "copies-test:");
    }

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    [Fact]
    public async Task AnOlderCopyLandingLastDoesNotReplaceANewerOne()
    {
        var key = NewKey();
        await copies.SetAsync([new VersionedCopy(key, Text("after the commit"), 8)], Hour);

        await copies.SetAsync([new VersionedCopy(key, Text("read before the commit"), 7)], Hour);

        Assert.Equal(("after the commit", 8L), await ReadAsync(key));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(1_000_000_000_000L)]
    public async Task ACopyAsNewOrNewerReplacesTheOneHeld(long version)
    {
        var key = NewKey();
        await copies.SetAsync([new VersionedCopy(key, Text("old"), 8)], Hour);

        await copies.SetAsync([new VersionedCopy(key, Text("new"), version)], Hour);

        Assert.Equal(("new", version), await ReadAsync(key));
    }

    [Fact]
    public async Task WritesRacingInAnyOrderLeaveTheNewestCopy()
    {
        var key = NewKey();
        var versions = Enumerable.Range(1, 200).OrderBy(_ => Random.Shared.Next()).ToList();

        await Task.WhenAll(versions.Select(v => Task.Run(() => copies.SetAsync([new VersionedCopy(key, Text($"v{v}"), v)], Hour))));

        Assert.Equal(("v200", 200L), await ReadAsync(key));
    }

    [Fact]
    public async Task ACopyInTheOlderUnversionedFormatReadsAsAMissAndTheNextWriteReplacesIt()
    {
        var key = NewKey();
        await connection.GetDatabase().StringSetAsync(key.Prepend("copies-test:"), Text("unversioned").ToByteArray());

        Assert.Null(await copies.GetAsync(key, StringValue.Parser));
        await copies.SetAsync([new VersionedCopy(key, Text("versioned"), 1)], Hour);
        Assert.Equal(("versioned", 1L), await ReadAsync(key));
    }

    [Fact]
    public async Task ACopyExpiresAfterItsTimeToLive()
    {
        var key = NewKey();

        await copies.SetAsync([new VersionedCopy(key, Text("copy"), 1)], TimeSpan.FromMinutes(5));

        var left = await connection.GetDatabase().KeyTimeToLiveAsync(key.Prepend("copies-test:"));
        Assert.InRange(left!.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task WithRedisUnreachableReadsMissAndWritesAreSkippedWithoutAnError()
    {
        await using var away = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", 1 } }, AbortOnConnectFail = false, ConnectTimeout = 200,
        });
        var unreachable = new RedisCopies(away, NullLogger<RedisCopies>.Instance);

        await unreachable.SetAsync([new VersionedCopy(NewKey(), Text("lost"), 1)], Hour);

        Assert.Null(await unreachable.GetAsync(NewKey(), StringValue.Parser));
    }

    private async Task<(string Text, long Version)?> ReadAsync(RedisKey key) =>
        await copies.GetVersionedAsync(key, StringValue.Parser) is { } copy ? (copy.Value.Value, copy.Version) : null;

    private static StringValue Text(string text) => new() { Value = text };

    private static RedisKey NewKey() => "k-" + Guid.NewGuid().ToString("N");
}
