using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults.Time;
using Platform.Tiering.Tiers;

namespace Platform.Tiering.Benefits;

public enum RedemptionOutcome
{
    Redeemed,
    Duplicate,
    UnknownClient,
    UnknownBenefit,
    TierTooLow,
    QuotaUsed,
    KeyUsedForAnotherBenefit,
}

/// <summary>What became of a redemption request; <see cref="Redemption"/> is set when redeemed (now or by an earlier request with the key).</summary>
public sealed record RedemptionResult(RedemptionOutcome Outcome, BenefitRedemption? Redemption = null, Benefit? Benefit = null,
    BenefitStanding? Standing = null, Tier ClientTier = Tier.V0);

/// <summary>
/// Redeems a benefit for a client, idempotently on the client's redemption key. Under the
/// client's lock (<see cref="ClientLocks"/>, which everything that changes the client's tier also
/// takes first, so that a downgrade withdrawing the benefit waits for the redemption or the other way
/// round), in one transaction: the key is looked up first (a
/// retry answers the first redemption, even when the quota is used up since), then the tier and
/// the quota of the current period are checked against the database, never a cached copy, and
/// the redemption and its event (outbox) are written. Concurrent requests of one client therefore
/// never over-redeem.
/// </summary>
public sealed class BenefitRedeemer(TieringDbContext db, BenefitStore store, TimeProvider time, TieringTelemetry telemetry)
{
    public const int MaxKeyLength = 100;

    public async Task<RedemptionResult> RedeemAsync(string clientId, string benefitId, string redemptionKey, CancellationToken cancellationToken)
    {
        // A retry must answer the very instant the first answer gave.
        var now = StoredTime.Now(time);
        var today = ShanghaiTime.DateOf(now);
        RedemptionResult result;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.Database.LockClientAsync(clientId, cancellationToken);
            result = await DecideAsync(clientId, benefitId, redemptionKey, now, today, cancellationToken);
            if (result.Outcome == RedemptionOutcome.Redeemed)
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
        }

        telemetry.Redemption(result.Outcome);
        if (result.Outcome == RedemptionOutcome.Redeemed)
        {
            // Not cancelled with the request: a retry of this key is a duplicate and refreshes nothing.
            await store.RefreshUsageAsync(clientId, today, CancellationToken.None);
        }

        return result;
    }

    private async Task<RedemptionResult> DecideAsync(string clientId, string benefitId, string key, DateTimeOffset now, DateOnly today,
        CancellationToken cancellationToken)
    {
        var earlier = await db.BenefitRedemptions.AsNoTracking()
            .FirstOrDefaultAsync(r => r.ClientId == clientId && r.RedemptionKey == key, cancellationToken);
        if (earlier is not null && earlier.BenefitId != benefitId)
        {
            return new(RedemptionOutcome.KeyUsedForAnotherBenefit, earlier);
        }

        var client = await db.ClientTiers.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is null)
        {
            return new(RedemptionOutcome.UnknownClient);
        }

        var benefit = await db.Benefits.AsNoTracking().FirstOrDefaultAsync(b => b.BenefitId == benefitId, cancellationToken);
        if (earlier is not null)
        {
            return new(RedemptionOutcome.Duplicate, earlier, benefit, await StandingAsync(clientId, benefit!, client.Tier, today, cancellationToken), client.Tier);
        }

        if (benefit is not { Active: true })
        {
            return new(RedemptionOutcome.UnknownBenefit);
        }

        var standing = await StandingAsync(clientId, benefit, client.Tier, today, cancellationToken);
        if (!standing.Available)
        {
            var refused = standing.UnavailableReason == UnavailableReasons.TierTooLow ? RedemptionOutcome.TierTooLow : RedemptionOutcome.QuotaUsed;
            return new(refused, null, benefit, standing, client.Tier);
        }

        var redemption = new BenefitRedemption
        {
            RedemptionId = Guid.CreateVersion7(now), ClientId = clientId, BenefitId = benefitId, RedemptionKey = key, Tier = client.Tier,
            RedeemedAt = now, RedeemedOn = today,
        };
        db.BenefitRedemptions.Add(redemption);
        db.AddOutboxEvent(Topics.TieringEvents, clientId, new Events.BenefitRedeemed
        {
            ClientId = clientId, BenefitId = benefitId, RedemptionId = redemption.RedemptionId.ToString(), Kind = WireNames.Of(benefit.Kind),
            Tier = client.Tier.ToString(), OccurredAt = Timestamp.FromDateTimeOffset(now),
        }, now, now);
        var after = standing with { Used = standing.Used + 1, Remaining = standing.Remaining - 1 };
        return new(RedemptionOutcome.Redeemed, redemption, benefit, after, client.Tier);
    }

    /// <summary>The standing from the database: the redemptions of the current period counted under the client's lock.</summary>
    private async Task<BenefitStanding> StandingAsync(string clientId, Benefit benefit, Tier tier, DateOnly today, CancellationToken cancellationToken)
    {
        var periodStart = BenefitStanding.PeriodStartOf(benefit.Quota, today);
        var used = await db.BenefitRedemptions.CountAsync(
            r => r.ClientId == clientId && r.BenefitId == benefit.BenefitId && r.RedeemedOn >= periodStart, cancellationToken);
        return BenefitStanding.Of(benefit.MinTier, benefit.Quota, tier, today, _ => used);
    }
}
