using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Content.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;

namespace Platform.Content.Tests;

/// <summary>What a direct gRPC caller can send that the gateway would never forward: each is the caller's error, never Internal.</summary>
public sealed class HostileInputTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ContentHost host = null!;

    public async ValueTask InitializeAsync() => host = await ContentHost.StartAsync(postgres, redis, broker, "hostile");

    public ValueTask DisposeAsync() => host.DisposeAsync();

    private static async Task<StatusCode> StatusOf(Func<Task> call) => (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;

    [Fact]
    public async Task AKeyHoldingNulIsNotFoundNotInternal()
    {
        const string nul = "fund\u0000a";
        Assert.Equal(StatusCode.NotFound, await StatusOf(() => host.Catalog.GetItemAsync(new GetItemRequest { ItemId = nul }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOf(() => host.Catalog.ListItemVersionsAsync(new GetItemRequest { ItemId = nul }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOf(() => host.Audience.GetSegmentAsync(new GetSegmentRequest { Key = nul }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOf(() =>
            host.Audience.UpdateSegmentAsync(new Segment { Key = nul, Expression = "horizon:long" }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOf(() => host.Experiments.GetExperimentAsync(new GetExperimentRequest { Key = nul }).ResponseAsync));
        Assert.Equal(StatusCode.NotFound, await StatusOf(() => host.Experiments.GetResultsAsync(new GetExperimentRequest { Key = nul }).ResponseAsync));
    }

    [Fact]
    public async Task ATimeOutsideYears1To9999NamesItsField()
    {
        var item = new ContentItem { ItemId = "far-future", Kind = "insight", Title = "t", Body = "b", ValidTo = new Timestamp { Seconds = long.MaxValue } };
        Assert.Equal(["validTo"], (await FieldErrorsOf.InvalidArgumentAsync(() => host.Catalog.CreateItemAsync(item).ResponseAsync)).Keys);

        var conversion = new ConversionRequest
        {
            EventId = Guid.NewGuid().ToString(), ClientId = "c-1", ExperimentKey = "welcome-copy", OccurredAt = new Timestamp { Seconds = 1, Nanos = -5 },
        };
        Assert.Contains("occurredAt", (await FieldErrorsOf.InvalidArgumentAsync(() => host.Conversions.RecordConversionAsync(conversion).ResponseAsync)).Keys);
    }

    [Fact]
    public async Task AConversionWindowLongerThanATimeSpanHoldsNamesItsField()
    {
        var experiment = new Experiment
        {
            Key = "overflowing", Status = "running", ConversionWindow = "P99999999D",
            Variants = { new Variant { Name = "control", Weight = 1, ItemId = "item-a" }, new Variant { Name = "b", Weight = 1, ItemId = "item-b" } },
        };

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.Experiments.CreateExperimentAsync(experiment).ResponseAsync);

        Assert.Contains("365 days", Assert.Single(errors["conversionWindow"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFeedLimitOutOfRangeNamesItsRangeAndTheDefault()
    {
        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => host.FeedOf("c-1").GetFeedAsync(new FeedRequest { ClientId = "c-1", Limit = 101 }).ResponseAsync);

        Assert.Equal("must be between 1 and 100, or 0 (unset) for 20", Assert.Single(errors["limit"]));
    }

    [Fact]
    public async Task SelectionLabelsAreBounded()
    {
        var request = new SelectContentRequest { ClientId = "c-1", Moment = "M06", Channel = "inbox", Labels = { Enumerable.Range(0, 51).Select(i => $"l{i}") } };
        Assert.Contains("labels", (await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(request).ResponseAsync)).Keys);
        request.Labels.Clear();
        request.Labels.Add("Not A Label\u0000");
        Assert.Contains("labels[0]", (await FieldErrorsOf.InvalidArgumentAsync(() => host.Selection.SelectContentAsync(request).ResponseAsync)).Keys);
    }
}
