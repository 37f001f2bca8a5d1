using Grpc.Core;
using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests.Audience;

/// <summary>Operators' client tags and segments on a real Content service and PostgreSQL.</summary>
public sealed class AudienceTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "audience");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task TagsAreReplacedSortedAndDeduplicated()
    {
        Assert.Empty((await host.Audience.GetClientTagsAsync(new ClientTagsRequest { ClientId = "c-tags" })).Tags);

        await host.Audience.SetClientTagsAsync(new ClientTags { ClientId = "c-tags", Tags = { "style:technical", "interest:etf", "style:technical" } });
        Assert.Equal(["interest:etf", "style:technical"], (await host.Audience.GetClientTagsAsync(new ClientTagsRequest { ClientId = "c-tags" })).Tags);

        await host.Audience.SetClientTagsAsync(new ClientTags { ClientId = "c-tags", Tags = { "horizon:long" } });
        Assert.Equal(["horizon:long"], (await host.Audience.GetClientTagsAsync(new ClientTagsRequest { ClientId = "c-tags" })).Tags);
    }

    [Fact]
    public async Task AnUnknownOrDerivedTagIsRefusedByIndexAndNothingChanges()
    {
        await host.Audience.SetClientTagsAsync(new ClientTags { ClientId = "c-bad", Tags = { "horizon:short" } });

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Audience.SetClientTagsAsync(
            new ClientTags { ClientId = "c-bad", Tags = { "style:technical", "risk:c5", "hobby:golf" } }).ResponseAsync);

        Assert.Equal(["tags[1]", "tags[2]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("cannot be set by hand", errors["tags[1]"][0], StringComparison.Ordinal);
        Assert.Equal(["horizon:short"], (await host.Audience.GetClientTagsAsync(new ClientTagsRequest { ClientId = "c-bad" })).Tags);
    }

    [Fact]
    public async Task ConcurrentTaggingOfANewClientNeverFails()
    {
        await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            host.Audience.SetClientTagsAsync(new ClientTags { ClientId = "c-race", Tags = { $"interest:i{i}" } }).ResponseAsync));
        Assert.Single((await host.Audience.GetClientTagsAsync(new ClientTagsRequest { ClientId = "c-race" })).Tags);
    }

    [Fact]
    public async Task ASegmentIsSavedVersionedAndASyntaxErrorNamesItsPosition()
    {
        var created = await host.Audience.CreateSegmentAsync(new Segment { Key = "short-term-traders", Expression = " style:technical AND horizon:short " });
        Assert.Equal((1, "style:technical AND horizon:short"), (created.Version, created.Expression));

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() =>
            host.Audience.UpdateSegmentAsync(new Segment { Key = "short-term-traders", Expression = "style:technical AND (horizon:short" }).ResponseAsync);
        Assert.Equal("expected ')' at position 35", Assert.Single(errors["expression"]));

        var updated = await host.Audience.UpdateSegmentAsync(new Segment { Key = "short-term-traders", Expression = "style:technical OR horizon:short" });
        Assert.Equal(2, updated.Version);
        Assert.Equal(updated, await host.Audience.GetSegmentAsync(new GetSegmentRequest { Key = "short-term-traders" }));
        Assert.Contains(updated, (await host.Audience.ListSegmentsAsync(new ListSegmentsRequest())).Segments);
    }

    [Fact]
    public async Task SegmentKeysAreCheckedAndUnique()
    {
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() =>
            host.Audience.CreateSegmentAsync(new Segment { Key = "Bad Key", Expression = "horizon:long" }).ResponseAsync);
        Assert.Equal(["key"], errors.Keys);

        await host.Audience.CreateSegmentAsync(new Segment { Key = "long-horizon", Expression = "horizon:long" });
        Assert.Equal(StatusCode.AlreadyExists, (await Assert.ThrowsAsync<RpcException>(() =>
            host.Audience.CreateSegmentAsync(new Segment { Key = "long-horizon", Expression = "horizon:short" }).ResponseAsync)).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() =>
            host.Audience.GetSegmentAsync(new GetSegmentRequest { Key = "nobody" }).ResponseAsync)).StatusCode);
    }

    /// <summary>Two operators edit the segment they both read at version 1: the second edit is refused, not lost in silence.</summary>
    [Fact]
    public async Task ASegmentEditMadeFromAVersionAnotherEditReplacedIsAbortedAndChangesNothing()
    {
        await host.Audience.CreateSegmentAsync(new Segment { Key = "etf-fans", Expression = "interest:etf" });
        var first = await host.Audience.UpdateSegmentAsync(new Segment { Key = "etf-fans", Expression = "interest:etf AND horizon:long", Version = 1 });

        var stale = await Assert.ThrowsAsync<RpcException>(() =>
            host.Audience.UpdateSegmentAsync(new Segment { Key = "etf-fans", Expression = "interest:etf OR horizon:short", Version = 1 }).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Contains("version 2", stale.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(first, await host.Audience.GetSegmentAsync(new GetSegmentRequest { Key = "etf-fans" }));
        // From the version read now, and without one (the last edit wins), the edit goes through.
        Assert.Equal(3, (await host.Audience.UpdateSegmentAsync(new Segment { Key = "etf-fans", Expression = "interest:etf", Version = 2 })).Version);
        Assert.Equal(4, (await host.Audience.UpdateSegmentAsync(new Segment { Key = "etf-fans", Expression = "interest:bonds" })).Version);
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() =>
            host.Audience.UpdateSegmentAsync(new Segment { Key = "etf-fans", Expression = "interest:etf", Version = -1 }).ResponseAsync);
        Assert.Equal(["version"], errors.Keys);
    }
}
