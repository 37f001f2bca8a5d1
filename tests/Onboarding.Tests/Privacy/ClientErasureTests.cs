using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Content.Events;
using Platform.Engagement.Events;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Postgres;
using Platform.TestSupport.Redis;
using Platform.TestSupport.Services;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Platform.Onboarding.Tests.Privacy;

/// <summary>Onboarding's part of an erasure: the client's rows and progress copy gone, and nothing of it recorded again.</summary>
public sealed class ClientErasureTests(PostgresFixture postgres, RedisFixture redis, DevBrokerFixture broker)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private static readonly string[] ClientTables =
        ["client_funnels", "funnel_steps", "recorded_step_events", "early_deposits", "client_variants", "funnel_timers"];

    [Fact]
    public async Task AnErasureDeletesTheClientsRowsAndProgressCopyAndItsLaterStepsAreRefusedAsUnknown()
    {
        await using var service = await OnboardingHost.StartAsync(postgres, redis, broker);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var (erased, kept) = (OnboardingDriver.NewClientId(), OnboardingDriver.NewClientId());
        foreach (var client in new[] { erased, kept })
        {
            await onboarding.StepsThroughAsync(client, "submitted", T0);
            await onboarding.HandledAsync(await onboarding.DepositAsync(client, T0.AddMinutes(30)));
            await onboarding.HandledAsync(await ExposeAsync(client));
        }

        Assert.Equal("submitted", (await onboarding.ProgressAsync(erased)).Status); // the copy in Redis, read first
        Assert.All((await RowsAsync(service, erased)).Take(5), count => Assert.True(count > 0)); // a submitted client has no timer

        await onboarding.HandledAsync(await EraseAsync(erased));

        Assert.All(await RowsAsync(service, erased), count => Assert.Equal(0, count));
        Assert.All((await RowsAsync(service, kept)).Take(5), count => Assert.True(count > 0));
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => onboarding.ProgressAsync(erased))).StatusCode);
        var refused = await Assert.ThrowsAsync<RpcException>(() => onboarding.StepAsync(erased, "approved", T0.AddHours(1)));
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.All(await RowsAsync(service, erased), count => Assert.Equal(0, count));
        Assert.Equal("funded", (await onboarding.StepAsync(kept, "approved", T0.AddHours(1))).Status); // its early deposit funds it
    }

    [Fact]
    public async Task EventsOfAnErasedClientStillInFlightKeepNothingAndASecondErasureIsHarmless()
    {
        await using var service = await OnboardingHost.StartAsync(postgres, redis, broker);
        var onboarding = new OnboardingDriver(service, broker.BootstrapServers);
        var clientId = OnboardingDriver.NewClientId();
        await onboarding.StepsThroughAsync(clientId, "registered", T0);

        await onboarding.HandledAsync(await EraseAsync(clientId));
        await onboarding.HandledAsync(await EraseAsync(clientId));
        // After both erasures, so that neither could delete what these leave behind.
        await onboarding.HandledAsync(await onboarding.DepositAsync(clientId, T0.AddMinutes(5)));
        await onboarding.HandledAsync(await ExposeAsync(clientId));

        Assert.All(await RowsAsync(service, clientId), count => Assert.Equal(0, count));
        await using var scope = service.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<OnboardingDbContext>().Set<Messaging.Privacy.ErasedClient>()
            .CountAsync(e => e.ClientId == clientId));
    }

    private async Task<Guid> EraseAsync(string clientId)
    {
        var now = DateTimeOffset.UtcNow;
        var envelope = EventEnvelope.Create(clientId, new ClientErased { ClientId = clientId, ErasedAt = Timestamp.FromDateTimeOffset(now) }, now, now);
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.EngagementEvents, envelope);
        return envelope.EventId;
    }

    private async Task<Guid> ExposeAsync(string clientId)
    {
        var at = T0.AddMinutes(40);
        var envelope = EventEnvelope.Create(clientId, new ExposureRecorded
        {
            ClientId = clientId, ExperimentKey = "welcome-copy", Variant = "b", ItemId = "welcome-b", OccurredAt = Timestamp.FromDateTimeOffset(at),
        }, at, at);
        await KafkaMessages.ProduceAsync(broker.BootstrapServers, Topics.ContentEvents, envelope);
        return envelope.EventId;
    }

    /// <summary>The client's rows in each table Onboarding keeps about clients (<see cref="ClientTables"/>, in that order).</summary>
    private static async Task<int[]> RowsAsync(ServiceFactory<OnboardingDbContext> service, string clientId)
    {
        await using var scope = service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        return await ClientRows.CountAsync(db, ClientTables, clientId);
    }
}
