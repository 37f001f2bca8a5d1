using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Grpc;
using Platform.TestSupport.Auth;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using static Platform.Content.Tests.Experiments.ExperimentScenario;
using ConversionOutcome = Platform.Content.Experiments.ConversionOutcome;
using ExperimentConversion = Platform.Content.Experiments.ExperimentConversion;
using ExperimentCounters = Platform.Content.Experiments.ExperimentCounters;

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

    /// <summary>
    /// A client app's conversion is dated at its receipt, so before any exposure it can never count (the exposure, recorded
    /// later, starts after it); a core system's dated in the past neither. Neither is kept: a client token cannot fill
    /// the table with conversions nobody will count.
    /// </summary>
    [Fact]
    public async Task AConversionBeforeAnyExposureThatCanNeverCountIsAnsweredUncountedAndNotKept()
    {
        var app = new ConversionService.ConversionServiceClient(scenario.Host.Service.CreateGrpcChannel(TestTokens.Client("v-early-app")));
        var request = new ConversionRequest
        {
            EventId = Guid.NewGuid().ToString(), ClientId = "v-early-app", ExperimentKey = "welcome-copy", OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        };

        var first = await app.RecordConversionAsync(request);
        var replay = await app.RecordConversionAsync(request);
        var fromSystem = await scenario.ConvertAsync("v-early-system", DateTimeOffset.UtcNow.AddMinutes(-1));

        Assert.All(new[] { first, replay, fromSystem }, r => Assert.Equal((false, false), (r.Counted, r.Duplicate)));
        Assert.Equal(0, await scenario.WithDatabaseAsync(db => db.Set<ExperimentConversion>().CountAsync(c => c.ClientId == "v-early-app" || c.ClientId == "v-early-system")));
        // Once exposed, the app's next conversion is kept and counts.
        await scenario.FeedAsync("v-early-app");
        request.EventId = Guid.NewGuid().ToString();
        Assert.True((await app.RecordConversionAsync(request)).Counted);
    }

    /// <summary>A core system's conversion dated ahead is kept before the exposure; its replay once that time has come is still a replay.</summary>
    [Fact]
    public async Task AReplayOfAConversionKeptWhileDatedAheadIsStillADuplicateOrAConflict()
    {
        // At the database's precision (microseconds), as the service passes it.
        var (eventId, at) = (Guid.NewGuid(), Platform.ServiceDefaults.Time.StoredTime.Of(DateTimeOffset.UtcNow.AddMinutes(1)));
        Assert.Equal(ConversionOutcome.Stored, await ConversionAsync("v-ahead", eventId, at, now: at.AddSeconds(-10)));

        Assert.Equal(ConversionOutcome.Duplicate, await ConversionAsync("v-ahead", eventId, at, now: at.AddSeconds(10)));
        Assert.Equal(ConversionOutcome.Conflicting, await ConversionAsync("v-ahead", eventId, at.AddSeconds(-1), now: at.AddSeconds(10)));
    }

    /// <summary>A core system's conversion recorded at <paramref name="now"/> on the server's side, in a transaction of its own.</summary>
    private async Task<ConversionOutcome> ConversionAsync(string clientId, Guid eventId, DateTimeOffset at, DateTimeOffset now)
    {
        using var scope = scenario.Host.Service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var outcome = await scope.ServiceProvider.GetRequiredService<ExperimentCounters>()
            .ConversionAsync("welcome-copy", clientId, eventId, at, at, now, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return outcome;
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
