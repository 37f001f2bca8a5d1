using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Content.Grpc;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Content.Tests.Experiments.ExperimentScenario;

namespace Platform.Content.Tests.Experiments;

/// <summary>What a conversion's event id and occurredAt mean: per client and experiment, and on whose clock.</summary>
public sealed class ConversionTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker) : IAsyncLifetime
{
    private ExperimentScenario scenario = null!;

    public async ValueTask InitializeAsync()
    {
        scenario = await StartAsync(postgres, redis, broker, "experiments-conversions");
        await scenario.Host.Experiments.CreateExperimentAsync(Welcome());
        await scenario.Host.Experiments.CreateExperimentAsync(Welcome(key: "tips-copy", control: "tips-a", b: "tips-b"));
    }

    public ValueTask DisposeAsync() => scenario.DisposeAsync();

    [Fact]
    public async Task OneEventIdCountsForEachExperimentItIsReportedFor()
    {
        await scenario.FeedAsync("v-both");
        var deposit = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;

        Assert.True((await scenario.ConvertAsync("v-both", at, deposit)).Counted);
        Assert.True((await scenario.ConvertAsync("v-both", at, deposit, experimentKey: "tips-copy")).Counted);

        Assert.Equal(1, (await scenario.ResultsAsync()).Variants.Sum(v => v.Conversions));
        Assert.Equal(1, (await scenario.ResultsAsync("tips-copy")).Variants.Sum(v => v.Conversions));
    }

    [Fact]
    public async Task AReplayWithTheSameOccurredAtIsADuplicateAndWithAnotherIsAConflict()
    {
        await scenario.FeedAsync("v-replay");
        var eventId = Guid.NewGuid();
        var at = DateTimeOffset.UtcNow;
        Assert.True((await scenario.ConvertAsync("v-replay", at, eventId)).Counted);

        Assert.True((await scenario.ConvertAsync("v-replay", at, eventId)).Duplicate);
        var error = await Assert.ThrowsAsync<RpcException>(() => scenario.ConvertAsync("v-replay", at.AddSeconds(-30), eventId));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal(1, (await scenario.ResultsAsync()).Variants.Sum(v => v.Conversions));
    }

    [Fact]
    public async Task AClientAppsConversionCountsAtItsReceiptWhateverTheDevicesClock()
    {
        // A phone whose clock runs slow dates the conversion 3 s before the exposure Content recorded.
        var slowClock = DateTimeOffset.UtcNow.AddSeconds(-3);
        await scenario.FeedAsync("v-slow-phone");
        var app = new ConversionService.ConversionServiceClient(scenario.Host.Service.CreateGrpcChannel(TestTokens.Client("v-slow-phone")));

        var reply = await app.RecordConversionAsync(new ConversionRequest
        {
            EventId = Guid.NewGuid().ToString(), ClientId = "v-slow-phone", ExperimentKey = "welcome-copy", OccurredAt = Timestamp.FromDateTimeOffset(slowClock),
        });

        Assert.True(reply.Counted);
        // A core system's occurredAt is taken as sent: the same time from it is before the exposure and does not count.
        await scenario.FeedAsync("v-system");
        Assert.False((await scenario.ConvertAsync("v-system", slowClock)).Counted);
    }

    [Fact]
    public async Task AnOccurredAtBeyondTheClockSkewIsRefusedNamingIt()
    {
        await scenario.FeedAsync("v-future");

        var errors = await FieldErrorsOf.InvalidArgumentAsync(() => scenario.ConvertAsync("v-future", DateTimeOffset.UtcNow.AddDays(1)));

        Assert.Contains("future", Assert.Single(errors["occurredAt"]), StringComparison.Ordinal);
        Assert.True((await scenario.ConvertAsync("v-future", DateTimeOffset.UtcNow.AddMinutes(4))).Counted);
    }
}
