using Microsoft.EntityFrameworkCore;
using Platform.Content.Feed;
using Platform.ServiceDefaults.Time;

namespace Platform.Content.Profiles;

/// <summary>
/// Writes one published fact into a client's profile as a single guarded upsert: each fact keeps
/// the one its own time says is current (the latest assessment, the earliest approval, the latest
/// trade), so redelivered and reordered events leave the same row, and a fact that changes
/// nothing touches nothing (no version bump, no cache invalidation). One statement needs no lock.
/// A change asks, in the same transaction, for the client's cached feed to be invalidated.
/// </summary>
public sealed partial class ProfileFacts(ContentDbContext db, FeedInvalidations invalidations, TimeProvider time, ILogger<ProfileFacts> logger)
{
    public const int MaxChannelLength = 64;
    public const int MaxCampaignLength = 128;

    /// <summary>
    /// Onboarding's current level for the client, as carried by one of its events: Onboarding orders assessments by their
    /// own dates (a late reassessment dated before the approval still counts there), so Content follows its decisions rather
    /// than redating them, in the order Onboarding numbered them (<paramref name="sequence"/>, its risk_level_sequence:
    /// strictly greater on every later event of the client). Never by Kafka offsets: a broker reset (DevBroker keeps nothing
    /// while PostgreSQL keeps the profiles), a repartition or a cluster migration restarts or renumbers them, and a
    /// reassessment down at a lower offset would be ignored for good. An event without a sequence (0: published before
    /// Onboarding numbered its levels) cannot be ordered safely, so it is taken fail-safe (<see cref="UnsequencedAsync"/>).
    /// </summary>
    /// <param name="offset">The event's offset on its partition: used only for an event without a sequence.</param>
    public async Task<bool> AssessedAsync(string clientId, int tolerance, long sequence, long offset, CancellationToken cancellationToken)
    {
        if (sequence <= 0)
        {
            return await UnsequencedAsync(clientId, tolerance, offset, cancellationToken);
        }

        // The same level again moves only the sequence: nothing the client sees changes, so no invalidation.
        var sameLevel = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE client_profiles SET risk_level_sequence = {sequence}
            WHERE client_id = {clientId} AND risk_tolerance = {tolerance} AND (risk_level_sequence IS NULL OR risk_level_sequence < {sequence})
            """, cancellationToken);
        // A later sequence wins, and any sequence over a level that had none. Two levels under one sequence cannot come from
        // Onboarding; should they, the lower one stands, whatever the order they came in.
        return sameLevel == 0 && await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, risk_tolerance, risk_level_sequence, updated_at)
            VALUES ({clientId}, {tolerance}, {sequence}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET risk_tolerance = excluded.risk_tolerance, risk_level_sequence = excluded.risk_level_sequence,
                version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.risk_tolerance IS DISTINCT FROM excluded.risk_tolerance
                AND (p.risk_level_sequence IS NULL OR p.risk_level_sequence < excluded.risk_level_sequence
                    OR p.risk_level_sequence = excluded.risk_level_sequence AND excluded.risk_tolerance < p.risk_tolerance)
            RETURNING p.version AS "Value"
            """, cancellationToken);
    }

    /// <summary>
    /// A level without a sequence (an event published before Onboarding numbered its levels, still on the topic or replayed
    /// from its dead-letter topic). Its offset may belong to another log than the stored one, so: a higher level applies only
    /// by the old rule (a later offset than the stored level's, which came without a sequence too); a lower level always
    /// applies, whatever its position (safe for the suitability rule; at worst a client sees fewer products until
    /// Onboarding's next event). The stored sequence stays, so Onboarding's next numbered event still decides.
    /// </summary>
    private async Task<bool> UnsequencedAsync(string clientId, int tolerance, long offset, CancellationToken cancellationToken)
    {
        var sameLevel = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE client_profiles SET risk_level_position = {offset}
            WHERE client_id = {clientId} AND risk_tolerance = {tolerance} AND risk_level_sequence IS NULL AND risk_level_position < {offset}
            """, cancellationToken);
        if (sameLevel > 0)
        {
            return false;
        }

        // In the old rule's order: the first level, or a later offset of the log the stored level came from.
        if (await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, risk_tolerance, risk_level_position, updated_at)
            VALUES ({clientId}, {tolerance}, {offset}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET risk_tolerance = excluded.risk_tolerance, risk_level_position = excluded.risk_level_position,
                version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.risk_tolerance IS NULL
                OR p.risk_level_sequence IS NULL AND p.risk_level_position < excluded.risk_level_position AND p.risk_tolerance <> excluded.risk_tolerance
            RETURNING p.version AS "Value"
            """, cancellationToken))
        {
            return true;
        }

        // Out of that order, fail-safe: a lower level all the same. The old rule goes on from this event's offset.
        var lowered = await ChangedAsync(clientId,
            $"""
            UPDATE client_profiles SET risk_tolerance = {tolerance}, risk_level_position = {offset}, version = version + 1, updated_at = {StoredTime.Now(time)}
            WHERE client_id = {clientId} AND risk_tolerance > {tolerance}
            RETURNING version AS "Value"
            """, cancellationToken);
        if (lowered)
        {
            LogLoweredOutOfOrder(logger, tolerance, offset);
        }

        return lowered;
    }

    [LoggerMessage(1, LogLevel.Warning,
        "A risk level without a sequence lowered a profile to C{Tolerance} at offset {Offset}, which is not after the stored level's (another log, or a level Onboarding numbered): applied fail-safe")]
    private static partial void LogLoweredOutOfOrder(ILogger logger, int tolerance, long offset);

    /// <summary>
    /// Where the client came from. The acquisition channel and campaign are those of the earliest
    /// registration time seen (they never differ in practice: Onboarding keeps them per funnel), so
    /// the order events arrive in cannot change them.
    /// </summary>
    public async Task<bool> AcquiredAsync(string clientId, string? channel, string? campaign, DateTimeOffset? registeredAt, CancellationToken cancellationToken) =>
        await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, channel, campaign, registered_at, updated_at)
            VALUES ({clientId}, {Bounded(channel, MaxChannelLength)}, {Bounded(campaign, MaxCampaignLength)}, {registeredAt}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET
                channel = CASE WHEN excluded.registered_at < p.registered_at THEN COALESCE(excluded.channel, p.channel) ELSE COALESCE(p.channel, excluded.channel) END,
                campaign = CASE WHEN excluded.registered_at < p.registered_at THEN COALESCE(excluded.campaign, p.campaign) ELSE COALESCE(p.campaign, excluded.campaign) END,
                registered_at = LEAST(p.registered_at, excluded.registered_at), version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.channel IS NULL AND excluded.channel IS NOT NULL OR p.campaign IS NULL AND excluded.campaign IS NOT NULL
                OR excluded.registered_at < p.registered_at OR p.registered_at IS NULL AND excluded.registered_at IS NOT NULL
            RETURNING p.version AS "Value"
            """, cancellationToken);

    public async Task<bool> ApprovedAsync(string clientId, DateTimeOffset approvedAt, CancellationToken cancellationToken) =>
        await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, approved_at, updated_at) VALUES ({clientId}, {approvedAt}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET approved_at = excluded.approved_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.approved_at IS NULL OR p.approved_at > excluded.approved_at
            RETURNING p.version AS "Value"
            """, cancellationToken);

    public async Task<bool> FundedAsync(string clientId, DateTimeOffset fundedAt, CancellationToken cancellationToken) =>
        await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, funded_at, updated_at) VALUES ({clientId}, {fundedAt}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET funded_at = excluded.funded_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.funded_at IS NULL OR p.funded_at > excluded.funded_at
            RETURNING p.version AS "Value"
            """, cancellationToken);

    /// <summary>
    /// A trade or a product purchase: only the latest matters (S4 lasts 30 days from it). The highest-volume facts, so a
    /// trade that leaves the stage as it is (a client already investing trades again) moves only the time: no version
    /// bump, no invalidation, the cached feed stays. A copy's lifetime ends at the S4-to-S5 date of the trade it saw,
    /// earlier than the new trade's, so at worst it is worked out again early.
    /// </summary>
    public async Task<bool> TradedAsync(string clientId, DateTimeOffset tradedAt, CancellationToken cancellationToken)
    {
        var investingSince = time.GetUtcNow() - LifecycleStage.InvestingWindow;
        // The stage stays when it does not depend on trades yet (S1, S2), or was S4 and stays S4 (a later trade), or was
        // S5 and stays S5 (this trade too is older than the window); S3 to anything, and S5 to S4, are changes.
        var sameStage = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE client_profiles SET last_trade_at = {tradedAt}, updated_at = {StoredTime.Now(time)}
            WHERE client_id = {clientId} AND (last_trade_at IS NULL OR last_trade_at < {tradedAt})
                AND (approved_at IS NULL OR funded_at IS NULL
                    OR last_trade_at IS NOT NULL AND (last_trade_at >= {investingSince} OR {tradedAt} < {investingSince}))
            """, cancellationToken);
        return sameStage == 0 && await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, last_trade_at, updated_at) VALUES ({clientId}, {tradedAt}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET last_trade_at = excluded.last_trade_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.last_trade_at IS NULL OR p.last_trade_at < excluded.last_trade_at
            RETURNING p.version AS "Value"
            """, cancellationToken);
    }

    /// <summary>The tier of the latest change wins; a distance to the next tier measured before it no longer holds.</summary>
    public async Task<bool> TierChangedAsync(string clientId, string tier, DateTimeOffset changedAt, CancellationToken cancellationToken) =>
        await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, tier, tier_changed_at, updated_at) VALUES ({clientId}, {tier}, {changedAt}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET tier = excluded.tier, tier_changed_at = excluded.tier_changed_at,
                amount_to_next_tier = CASE WHEN p.amount_to_next_tier_at < excluded.tier_changed_at THEN NULL ELSE p.amount_to_next_tier END,
                version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.tier_changed_at IS NULL OR p.tier_changed_at < excluded.tier_changed_at
            RETURNING p.version AS "Value"
            """, cancellationToken);

    /// <summary>The latest distance to the next tier, unless a tier change came after it.</summary>
    public async Task<bool> NearNextTierAsync(string clientId, decimal amount, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, amount_to_next_tier, amount_to_next_tier_at, updated_at)
            VALUES ({clientId}, {amount}, {at}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET amount_to_next_tier = excluded.amount_to_next_tier,
                amount_to_next_tier_at = excluded.amount_to_next_tier_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE (p.amount_to_next_tier_at IS NULL OR p.amount_to_next_tier_at < excluded.amount_to_next_tier_at)
                AND (p.tier_changed_at IS NULL OR p.tier_changed_at <= excluded.amount_to_next_tier_at)
            RETURNING p.version AS "Value"
            """, cancellationToken);

    /// <summary>Replaces the operator tags; an identical set changes nothing.</summary>
    public async Task<bool> SetOperatorTagsAsync(string clientId, string[] tags, CancellationToken cancellationToken) =>
        await ChangedAsync(clientId,
            $"""
            INSERT INTO client_profiles AS p (client_id, operator_tags, updated_at) VALUES ({clientId}, {tags}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET operator_tags = excluded.operator_tags, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.operator_tags IS DISTINCT FROM excluded.operator_tags
            RETURNING p.version AS "Value"
            """, cancellationToken);

    /// <summary>Runs an upsert that returns the row's new version when it changed anything, and then asks for the feed's invalidation.</summary>
    private async Task<bool> ChangedAsync(string clientId, FormattableString upsert, CancellationToken cancellationToken)
    {
        var versions = await db.Database.SqlQuery<long>(upsert).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return false;
        }

        await invalidations.RequestAsync(clientId, versions[0], cancellationToken);
        return true;
    }

    /// <summary>Free text from another service is kept only when it fits (it is a targeting attribute, not a record to preserve).</summary>
    private static string? Bounded(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength ? null : value;
}
