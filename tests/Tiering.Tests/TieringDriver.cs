using Confluent.Kafka;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Activity.Events;
using Platform.Messaging;
using Platform.Messaging.Envelope;
using Platform.Messaging.Outbox;
using Platform.Onboarding.Events;
using Platform.ServiceDefaults.Time;
using Platform.TestSupport.Processes;
using Platform.TestSupport.Services;
using Platform.Tiering.Grpc;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Tests;

/// <summary>Feeds one Tiering host the events other services publish, and reads back what it decided.</summary>
public sealed class TieringDriver(ServiceFactory<TieringDbContext> service, string bootstrapServers) : IDisposable
{
    private readonly IProducer<string, byte[]> producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrapServers }).Build();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, string> clientOf = new();

    public TieringService.TieringServiceClient Client { get; } = new(service.CreateGrpcChannel());

    public static DateOnly Today => ShanghaiTime.DateOf(DateTimeOffset.UtcNow);

    /// <summary>The approval, 40 days ago unless said otherwise.</summary>
    public Task<Guid> ApproveAsync(string clientId, DateTimeOffset? approvedAt = null) => PublishAsync(Topics.OnboardingEvents, Approval(clientId, approvedAt));

    /// <summary>The approval's envelope, 40 days ago unless said otherwise.</summary>
    public static EventEnvelope Approval(string clientId, DateTimeOffset? approvedAt = null)
    {
        var at = approvedAt ?? DateTimeOffset.UtcNow.AddDays(-40);
        return Envelope(clientId, new AccountApproved { ClientId = clientId, OccurredAt = Timestamp.FromDateTimeOffset(at) }, at);
    }

    /// <summary>An end-of-day snapshot, reported at 16:00 Shanghai that day unless said otherwise.</summary>
    public static EventEnvelope Snapshot(string clientId, DateOnly day, long totalAssets, DateTimeOffset? reportedAt = null)
    {
        var at = reportedAt ?? ShanghaiTime.StartOf(day).AddHours(16);
        return Envelope(clientId, new AssetsSnapshot
        {
            ClientId = clientId, Date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            TotalAssets = new DecimalValue { Units = totalAssets }, OccurredAt = Timestamp.FromDateTimeOffset(at),
        }, at);
    }

    public static EventEnvelope Deposit(string clientId, DateOnly day, long amount) =>
        Flow(clientId, day, at => new Deposit { ClientId = clientId, Amount = new DecimalValue { Units = amount }, OccurredAt = at });

    public static EventEnvelope Withdrawal(string clientId, DateOnly day, long amount) =>
        Flow(clientId, day, at => new Withdrawal { ClientId = clientId, Amount = new DecimalValue { Units = amount }, OccurredAt = at });

    public static EventEnvelope TransferOut(string clientId, DateOnly day, long amount) =>
        Flow(clientId, day, at => new TransferOut { ClientId = clientId, Amount = new DecimalValue { Units = amount }, OccurredAt = at });

    /// <summary>Money moving at 10:00 Shanghai on <paramref name="day"/>.</summary>
    private static EventEnvelope Flow(string clientId, DateOnly day, Func<Timestamp, IMessage> message)
    {
        var at = ShanghaiTime.StartOf(day).AddHours(10);
        return Envelope(clientId, message(Timestamp.FromDateTimeOffset(at)), at);
    }

    public Task<Guid> SnapshotAsync(string clientId, DateOnly day, long totalAssets, DateTimeOffset? reportedAt = null) =>
        PublishAsync(Topics.ActivityEvents, Snapshot(clientId, day, totalAssets, reportedAt));

    public Task<Guid> DepositAsync(string clientId, DateOnly day, long amount) => PublishAsync(Topics.ActivityEvents, Deposit(clientId, day, amount));

    /// <summary>Publishes as the producing service would; publishing the same envelope again is a redelivery.</summary>
    public async Task<Guid> PublishAsync(string topic, EventEnvelope envelope)
    {
        clientOf[envelope.EventId] = envelope.Key;
        await producer.ProduceAsync(topic, envelope.ToKafkaMessage(null, null));
        return envelope.EventId;
    }

    private static EventEnvelope Envelope(string clientId, IMessage message, DateTimeOffset occurredAt) =>
        EventEnvelope.Create(clientId, message, DateTimeOffset.UtcNow, occurredAt);

    /// <summary>
    /// Until Tiering's consumer has handled (committed) every one of the events, and the tier copies it
    /// refreshes after each commit show what was committed: a read a moment after the commit could
    /// otherwise get the copy from before it (GetTier reads Redis first).
    /// </summary>
    public async Task HandledAsync(params Guid[] eventIds)
    {
        var clients = eventIds.Select(id => clientOf[id]).Distinct(StringComparer.Ordinal).ToArray();
        await ChildProcess.WaitUntilAsync(async () =>
        {
            using var scope = service.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TieringDbContext>();
            return await db.Set<InboxMessage>().CountAsync(m => eventIds.Contains(m.EventId)) == eventIds.Distinct().Count()
                && await CopiesShowAsync(db, clients);
        }, TimeSpan.FromSeconds(60), "Tiering handling the events");
    }

    /// <summary>
    /// Until everything published for <paramref name="clientId"/> so far has been handled, redelivered copies
    /// included (the inbox skips those without a trace to wait for): a deposit of nothing is published behind
    /// them and waited for, and Tiering handles a client's events in their order on its partition.
    /// </summary>
    public async Task AllHandledAsync(string clientId) => await HandledAsync(await DepositAsync(clientId, Today, 0));

    private async Task<bool> CopiesShowAsync(TieringDbContext db, string[] clients)
    {
        var committed = await db.ClientTiers.AsNoTracking().Where(c => clients.Contains(c.ClientId)).ToListAsync();
        foreach (var client in committed)
        {
            var read = await Client.GetTierAsync(new GetTierRequest { ClientId = client.ClientId });
            if (read.Tier != client.Tier.ToString() || read.AverageDailyAssets.ToDecimal() != client.AverageDailyAssets)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The last <paramref name="count"/> trading days up to today, oldest first.</summary>
    public static IReadOnlyList<DateOnly> LastTradingDays(int count) => Platform.Tiering.Assets.TradingCalendar.WeekdaysOnly.LastTradingDays(Today, count);

    public void Dispose() => producer.Dispose();
}
