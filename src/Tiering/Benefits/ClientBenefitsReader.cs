using Platform.ServiceDefaults.Time;
using Platform.Tiering.Grpc;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Benefits;

/// <summary>
/// A client's benefits list: every benefit on offer with what the client used of it this period
/// and whether it may redeem it now. Built from three cached copies (tier, catalogue, usage),
/// each falling back to the database. Availability follows the current tier, so benefits come
/// with an upgrade and go with a downgrade without any bookkeeping of their own.
/// </summary>
public sealed class ClientBenefitsReader(TierReader tiers, BenefitStore store, TimeProvider time)
{
    /// <summary>Null for a client Tiering does not know.</summary>
    public async Task<ClientBenefitsReply?> ReadAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await tiers.GetAsync(clientId, cancellationToken) is not { } tierReply)
        {
            return null;
        }

        TierCatalog.TryParse(tierReply.Tier, out var tier);
        var today = ShanghaiTime.DateOf(time.GetUtcNow());
        var catalog = await store.CatalogAsync(cancellationToken);
        var usage = (await store.UsageAsync(clientId, today, cancellationToken)).Days.ToLookup(d => d.BenefitId);
        var reply = new ClientBenefitsReply { ClientId = clientId, Tier = tierReply.Tier };
        foreach (var definition in catalog.Benefits.Where(b => b.Active))
        {
            var (minTier, quota) = BenefitWire.RulesOf(definition);
            var standing = BenefitStanding.Of(minTier, quota, tier, today,
                since => usage[definition.BenefitId].Where(d => d.DayNumber >= since.DayNumber).Sum(d => d.Count));
            reply.Benefits.Add(ToClientBenefit(definition, standing));
        }

        return reply;
    }

    private static ClientBenefit ToClientBenefit(BenefitDefinition definition, BenefitStanding standing)
    {
        var benefit = new ClientBenefit
        {
            Benefit = definition, Used = standing.Used, Available = standing.Available, UnavailableReason = standing.UnavailableReason ?? "",
            Remaining = standing.Remaining ?? 0,
        };
        if (standing.PeriodEnds is { } ends)
        {
            benefit.PeriodEnds = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(ShanghaiTime.StartOf(ends));
        }

        return benefit;
    }
}
