using Microsoft.Extensions.Logging.Abstractions;
using Platform.Content.Feed;
using Platform.ServiceDefaults.Caching;
using Platform.TestSupport.Redis;
using StackExchange.Redis;

namespace Platform.Content.Tests.Feed;

/// <summary>
/// A drain batch's 1,000 tombstones against a client that reads Redis's answers slowly (the two-replica drain test's
/// timeouts on a loaded machine): each command's timeout runs from when it is sent, so a pipeline of all 1,000 timed out
/// and the batch rolled back, pass after pass; chunks awaited one after the other keep every command's wait short.
/// </summary>
public sealed class PipelinedTombstoneTests(RedisFixture redis)
{
    [Fact]
    public async Task AThousandTombstonesAreWrittenThroughALinkThatDeliversTheAnswersSlowly()
    {
        await using var link = SlowLink.To(redis.Server.Port);
        var options = ConfigurationOptions.Parse(link.Address);
        // As AddServiceRedis caps it for every service.
        options.AsyncTimeout = 1000;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var prefix = $"tombstones-{Guid.NewGuid():N}:";
        var copies = new FeedCopies(new RedisCopies(connection, NullLogger<RedisCopies>.Instance, prefix));
        // The script is loaded and the connection warm before the link slows down: only the tombstones' answers are slow.
        Assert.True(await copies.InvalidateAsync([("warm-up", 1)], TimeSpan.FromMinutes(5)));
        // 1,000 answers of 4 bytes (":1\r\n") take 4 s at the link's pace, 0.4 s per chunk of 100.
        var clients = Enumerable.Range(0, 1000).Select(i => ($"slow-{i}", (long)i + 1)).ToList();

        link.Slow = true;
        var written = await copies.InvalidateAsync(clients, TimeSpan.FromMinutes(5));
        link.Slow = false;

        Assert.True(written);
        var stored = await StoredFeedCopies.GetAsync(redis.Server.ConnectionString, prefix, [.. clients.Select(c => c.Item1)]);
        Assert.All(clients.Zip(stored), pair => Assert.Equal((true, pair.First.Item2), (pair.Second?.Copy.Invalidated, pair.Second?.Version)));
    }
}
