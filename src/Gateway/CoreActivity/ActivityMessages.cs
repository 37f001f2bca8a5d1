using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Activity.Events;
using Platform.Messaging.Envelope;

namespace Platform.Gateway.CoreActivity;

/// <summary>A validated batch as the envelopes published on activity.events: one protobuf message per activity type.</summary>
internal static class ActivityMessages
{
    public const int SchemaVersion = 1;

    /// <summary>
    /// The envelopes to publish, in batch order, and how many events repeated an earlier eventId of
    /// the batch (the first one wins; repeats are not published).
    /// </summary>
    public static (IReadOnlyList<EventEnvelope> Envelopes, int Duplicates) ToEnvelopes(IReadOnlyList<ActivityEventRequest?> events)
    {
        var envelopes = new List<EventEnvelope>(events.Count);
        var seen = new HashSet<Guid>(events.Count);
        foreach (var item in events)
        {
            var eventId = Guid.ParseExact(item!.EventId!, "D");
            if (!seen.Add(eventId))
            {
                continue;
            }

            var message = ToMessage(item);
            envelopes.Add(new EventEnvelope(eventId, message.Descriptor.Name, SchemaVersion, item.OccurredAt!.Value, item.ClientId!,
                message.ToByteArray()));
        }

        return (envelopes, events.Count - envelopes.Count);
    }

    public static IMessage ToMessage(ActivityEventRequest item)
    {
        var clientId = item.ClientId!;
        var at = Timestamp.FromDateTimeOffset(item.OccurredAt!.Value);
        return item.Type switch
        {
            ActivityType.Login => new Login { ClientId = clientId, OccurredAt = at },
            ActivityType.Deposit => new Deposit { ClientId = clientId, OccurredAt = at, Amount = item.Amount!.Value.ToExact<DecimalValue>() },
            ActivityType.Withdrawal => new Withdrawal { ClientId = clientId, OccurredAt = at, Amount = item.Amount!.Value.ToExact<DecimalValue>() },
            ActivityType.TransferOut => new TransferOut { ClientId = clientId, OccurredAt = at, Amount = item.Amount!.Value.ToExact<DecimalValue>() },
            ActivityType.Trade => new Trade { ClientId = clientId, OccurredAt = at, Amount = item.Amount!.Value.ToExact<DecimalValue>() },
            ActivityType.ProductPurchase => new ProductPurchase
            {
                ClientId = clientId, OccurredAt = at, ProductId = item.ProductId!, Amount = item.Amount!.Value.ToExact<DecimalValue>(),
                MaturesAt = item.MaturesAt is { } maturesAt ? Timestamp.FromDateTimeOffset(maturesAt) : null,
            },
            ActivityType.ProductMatured => new ProductMatured
            {
                ClientId = clientId, OccurredAt = at, ProductId = item.ProductId!, Amount = item.Amount!.Value.ToExact<DecimalValue>(),
            },
            ActivityType.Drawdown => new Drawdown { ClientId = clientId, OccurredAt = at, Percent = item.Percent!.Value.ToExact<DecimalValue>() },
            ActivityType.AssetsSnapshot => new AssetsSnapshot
            {
                ClientId = clientId, OccurredAt = at, Date = item.Date!, TotalAssets = item.TotalAssets!.Value.ToExact<DecimalValue>(), Cash = item.Cash!.Value.ToExact<DecimalValue>(),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(item), item.Type, "Not a validated activity type."),
        };
    }
}
