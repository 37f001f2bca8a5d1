using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Google.Protobuf.WellKnownTypes;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Onboarding.Grpc;
using Platform.TestSupport.Kafka;
using Platform.TestSupport.Services;

namespace Platform.Onboarding.Tests;

/// <summary>Drives one Onboarding replica as the gateway and core systems would, and reads what it published.</summary>
public sealed class OnboardingDriver(ServiceFactory<OnboardingDbContext> service, string bootstrapServers)
{
    private readonly OnboardingService.OnboardingServiceClient client = new(service.CreateGrpcChannel());
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> clientOf = new();

    public static string NewClientId() => "c-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Records one step; a retry passes the <paramref name="eventId"/> of the attempt it repeats.</summary>
    public Task<RecordStepReply> StepAsync(string clientId, string step, DateTimeOffset at, string channel = "short_video",
        string? riskLevel = null, string? backToStep = null, string funnel = "standard", Guid? eventId = null) =>
        client.RecordStepAsync(new RecordStepRequest
        {
            EventId = (eventId ?? Guid.CreateVersion7()).ToString(),
            ClientId = clientId,
            Funnel = funnel,
            Step = step,
            OccurredAt = Timestamp.FromDateTimeOffset(at),
            Channel = channel,
            Campaign = "test",
            Device = "ios",
            Attempt = 1,
            RiskLevel = riskLevel ?? string.Empty,
            BackToStep = backToStep ?? string.Empty,
        }).ResponseAsync;

    /// <summary>Records every standard step up to and including <paramref name="last"/>, one minute apart.</summary>
    public async Task StepsThroughAsync(string clientId, string last, DateTimeOffset start, string channel = "short_video")
    {
        var at = start;
        foreach (var step in global::Platform.Onboarding.Funnel.FunnelDefinition.Standard.Steps.Select(global::Platform.Onboarding.Funnel.FunnelSteps.ToWireName))
        {
            if (step == "video_witnessed" && channel is "advisor_referral" or "branch")
            {
                continue;
            }

            await StepAsync(clientId, step, at, channel, riskLevel: step == "risk_assessed" ? "C3" : null);
            if (step == last)
            {
                return;
            }

            at = at.AddMinutes(1);
        }
    }

    /// <summary>A deposit from the core systems, on activity.events as the gateway publishes it.</summary>
    public async Task<Guid> DepositAsync(string clientId, DateTimeOffset at, long amount = 10_000)
    {
        var deposit = new Activity.Events.Deposit
        {
            ClientId = clientId, OccurredAt = Timestamp.FromDateTimeOffset(at), Amount = new Activity.Events.DecimalValue { Units = amount },
        };
        var envelope = EventEnvelope.Create(clientId, deposit, at, at);
        clientOf[envelope.EventId] = clientId;
        await KafkaMessages.ProduceAsync(bootstrapServers, Topics.ActivityEvents, envelope);
        return envelope.EventId;
    }

    /// <summary>
    /// Waits until Onboarding's consumer has handled (committed) the event, its inbox holding the id, and
    /// the client's progress copy (refreshed after the commit, read first by GetProgress) shows the
    /// committed status: a read a moment after the commit could otherwise get the copy from before it.
    /// </summary>
    public async Task HandledAsync(Guid eventId)
    {
        using var scope = service.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        await TestSupport.Processes.ChildProcess.WaitUntilAsync(async () =>
        {
            if (!await db.Set<Messaging.Outbox.InboxMessage>().AnyAsync(m => m.EventId == eventId))
            {
                return false;
            }

            if (!clientOf.TryGetValue(eventId, out var clientId))
            {
                return true; // not published by this driver: no client to look at
            }

            var committed = await db.ClientFunnels.AsNoTracking().FirstOrDefaultAsync(f => f.ClientId == clientId);
            return committed is null
                || (await ProgressAsync(clientId)).Status == global::Platform.Onboarding.Funnel.FunnelStatuses.ToWireName(committed.Status);
        }, TimeSpan.FromSeconds(60), $"event {eventId} handled");
    }

    public Task<ProgressReply> ProgressAsync(string clientId) =>
        client.GetProgressAsync(new GetProgressRequest { ClientId = clientId }).ResponseAsync;

    /// <summary>The client's events of one type on onboarding.events, in order; waits until <paramref name="count"/> arrived.</summary>
    public Task<IReadOnlyList<ConsumedMessage>> EventsAsync(string clientId, string eventType, int count, int seconds = 60) =>
        KafkaMessages.ConsumeAsync(bootstrapServers, Topics.OnboardingEvents, count, TimeSpan.FromSeconds(seconds),
            m => m.Key == clientId && m.Header(EnvelopeHeaders.EventType) == eventType);

    /// <summary>
    /// <see cref="EventsAsync"/> for work a fake clock sets off: moves the clocks a second per look. A worker round that
    /// read the clock just before the test moved it goes on to pause on fake time, and that pause would never end.
    /// </summary>
    public async Task<IReadOnlyList<ConsumedMessage>> EventsOnFakeTimeAsync(string clientId, string eventType, int count,
        params FakeTimeProvider[] clocks)
    {
        IReadOnlyList<ConsumedMessage> found = [];
        // Each look reads the topic from its start: a busy shared topic may need longer than the first look allows.
        var seconds = 1;
        await TestSupport.Processes.ChildProcess.WaitUntilAsync(async () =>
        {
            try
            {
                found = await EventsAsync(clientId, eventType, count, seconds);
                return true;
            }
            catch (TimeoutException)
            {
                foreach (var clock in clocks)
                {
                    clock.Advance(TimeSpan.FromSeconds(1));
                }

                seconds = Math.Min(seconds * 2, 10);
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"{count} {eventType} event(s) of client {clientId}");
        return found;
    }

    /// <summary>
    /// Everything published for the client so far: writes a sentinel event into the service's outbox
    /// for the client and returns the client's events up to it. The relay publishes a client's rows in
    /// outbox order on the client's partition, so whatever was written before is on the topic by then,
    /// and a second publish of anything cannot hide behind it.
    /// </summary>
    public async Task<IReadOnlyList<ConsumedMessage>> EverythingPublishedForAsync(string clientId) =>
        (await EverythingPublishedForAsync([clientId]))[clientId];

    /// <summary><see cref="EverythingPublishedForAsync(string)"/> for many clients: one sentinel each, one read of the topic.</summary>
    public async Task<IReadOnlyDictionary<string, List<ConsumedMessage>>> EverythingPublishedForAsync(IReadOnlyCollection<string> clientIds)
    {
        var sentinels = new HashSet<string>(StringComparer.Ordinal);
        using (var scope = service.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var clientId in clientIds)
            {
                var sentinel = new Events.StepRecorded { ClientId = clientId, Step = "sentinel" };
                sentinels.Add(db.AddOutboxEvent(Topics.OnboardingEvents, clientId, sentinel, now).EventId.ToString());
            }

            await db.SaveChangesAsync();
        }

        var all = clientIds.ToDictionary(c => c, _ => new List<ConsumedMessage>(), StringComparer.Ordinal);
        await KafkaMessages.ConsumeAsync(bootstrapServers, Topics.OnboardingEvents, sentinels.Count, TimeSpan.FromSeconds(60), m =>
        {
            if (m.Key is null || !all.TryGetValue(m.Key, out var ofClient))
            {
                return false;
            }

            if (sentinels.Contains(m.Header(EnvelopeHeaders.EventId) ?? string.Empty))
            {
                return true;
            }

            ofClient.Add(m);
            return false;
        });
        return all;
    }
}
