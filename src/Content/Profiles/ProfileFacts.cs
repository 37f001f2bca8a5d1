using Microsoft.EntityFrameworkCore;
using Platform.Content.Feed;
using Platform.Content.Privacy;
using Platform.Messaging.Privacy;
using Platform.ServiceDefaults.Time;

namespace Platform.Content.Profiles;

/// <summary>
/// Writes published facts into clients' profiles as guarded upserts.
/// <para>
/// The guards: each fact keeps the one its own time says is current (the latest assessment by Onboarding's sequence, the
/// earliest approval, the latest trade), so redelivered and reordered events leave the same row, and a fact that changes
/// nothing touches nothing (no version bump, no cache invalidation).
/// </para>
/// <para>
/// The batch rule: a batch's facts give the rows what they would give applied one by one in their order, with a few
/// statements per kind of fact for the whole batch (unnest arrays). Of several facts of one kind for one client, only the
/// one the guard would keep in the end is written (those guards are orders: the earliest, the latest, the highest sequence,
/// the first of equals), and the kinds write different columns (a tier change and a distance to the next tier agree in
/// either order). Acquisitions are merged by a rule that is not such an order, so a client's differing acquisitions go in
/// rounds, one statement each, in their order; an assessment without a sequence is applied alone where it stands. The
/// batch's rows are locked first, in one order (<see cref="LockAsync"/>). Changes ask, in the same transaction, for the
/// clients' cached feeds to be invalidated.
/// </para>
/// </summary>
public sealed partial class ProfileFacts(ContentDbContext db, FeedInvalidations invalidations, TimeProvider time, ILogger<ProfileFacts> logger)
{
    public const int MaxChannelLength = 64;
    public const int MaxCampaignLength = 128;

    /// <summary>Applies one fact; true when it changed what the client sees.</summary>
    public async Task<bool> ApplyAsync(ProfileFact fact, CancellationToken cancellationToken) =>
        (await ApplyAsync([fact], cancellationToken)).Count > 0;

    /// <summary>Applies the facts as if one by one in their order; returns the clients whose profile changed.</summary>
    public async Task<IReadOnlySet<string>> ApplyAsync(IReadOnlyList<ProfileFact> facts, CancellationToken cancellationToken)
    {
        // The clients' advisory locks (the erasure's), then the erased ones dropped: their facts re-create nothing.
        var erased = await ErasureTombstones.LockClientsAndFindErasedAsync(db.Database,
            facts.Select(f => f.ClientId).Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
        if (erased.Count > 0)
        {
            facts = facts.Where(f => !erased.Contains(f.ClientId)).ToList();
        }

        var changed = new Dictionary<string, long>(StringComparer.Ordinal);
        Note(changed, await LockAsync(facts, cancellationToken));
        var segment = new List<ProfileFact>();
        foreach (var fact in facts)
        {
            if (fact is AssessedFact { Sequence: <= 0 } unsequenced)
            {
                // Ordered by offsets, not by an order of its own: what came before it is written first, what comes after, later.
                await ApplyInSetsAsync(segment, changed, cancellationToken);
                segment.Clear();
                Note(changed, await UnsequencedAsync(unsequenced, cancellationToken));
            }
            else
            {
                segment.Add(fact);
            }
        }

        await ApplyInSetsAsync(segment, changed, cancellationToken);
        if (changed.Count > 0)
        {
            await invalidations.RequestAsync(changed.Select(c => (c.Key, c.Value)).ToList(), cancellationToken);
        }

        return changed.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Locks the batch's client rows once, before any fact is written, in client id order: the statements that follow touch
    /// several clients each and lock them in their plan's order, one statement after another, so two replicas' batches over
    /// the same clients (a client's topics on different members) could each hold a row the other wants next (40P01, and the
    /// whole batch redone). Taken up front in one order, they queue on the first row they share instead. A client Content had
    /// no row for gets an empty one (ON CONFLICT DO NOTHING: only the missing ones, in the same order), returned as changed
    /// with its version: it now has a profile, which the facts then fill exactly as an insert of theirs would have.
    /// </summary>
    private async Task<List<ProfileVersion>> LockAsync(IReadOnlyList<ProfileFact> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return [];
        }

        var ids = facts.Select(f => f.ClientId).Distinct(StringComparer.Ordinal).ToArray();
        var created = await db.Database.SqlQuery<ProfileVersion>(
            $"""
            INSERT INTO client_profiles AS p (client_id, updated_at)
            SELECT c, {StoredTime.Now(time)} FROM unnest({ids}::text[]) AS c ORDER BY c
            ON CONFLICT (client_id) DO NOTHING
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """).ToListAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM client_profiles WHERE client_id = ANY({ids}) ORDER BY client_id FOR UPDATE", cancellationToken);
        return created;
    }

    private async Task ApplyInSetsAsync(List<ProfileFact> facts, Dictionary<string, long> changed, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return;
        }

        foreach (var round in AcquisitionRounds(facts.OfType<AcquiredFact>()))
        {
            Note(changed, await AcquiredAsync(round, cancellationToken));
        }

        // A later sequence wins; two levels under one sequence cannot come from Onboarding, should they, the lower one stands.
        Note(changed, await AssessedAsync(Kept(facts.OfType<AssessedFact>(),
            (f, kept) => f.Sequence > kept.Sequence || f.Sequence == kept.Sequence && f.Tolerance < kept.Tolerance), cancellationToken));
        Note(changed, await ApprovedAsync(Kept(facts.OfType<ApprovedFact>(), (f, kept) => f.At < kept.At), cancellationToken));
        Note(changed, await FundedAsync(Kept(facts.OfType<FundedFact>(), (f, kept) => f.At < kept.At), cancellationToken));
        Note(changed, await TierChangedAsync(Kept(facts.OfType<TierChangedFact>(), (f, kept) => f.At > kept.At), cancellationToken));
        Note(changed, await NearNextTierAsync(Kept(facts.OfType<NearNextTierFact>(), (f, kept) => f.At > kept.At), cancellationToken));
        Note(changed, await StageChangedAsync(Kept(facts.OfType<StageChangedFact>(), (f, kept) => f.At > kept.At), cancellationToken));
        // After the approvals, fundings and Engagement's stages, so that whether a trade changes the stage is judged on the batch's.
        Note(changed, await TradedAsync(Kept(facts.OfType<TradedFact>(), (f, kept) => f.At > kept.At), cancellationToken));
    }

    /// <summary>
    /// Per client, the fact its guard would keep: the first one no later fact beats. Sorted by client so that a batch's
    /// statements are the same whatever its arrival order; the rows are already locked (<see cref="LockAsync"/>).
    /// These comparators restate the SQL guards below in C#: <c>FactBatchTests</c> fails when the two drift apart.
    /// </summary>
    private static List<T> Kept<T>(IEnumerable<T> facts, Func<T, T, bool> beats) where T : ProfileFact
    {
        var kept = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var fact in facts)
        {
            if (!kept.TryGetValue(fact.ClientId, out var current) || beats(fact, current))
            {
                kept[fact.ClientId] = fact;
            }
        }

        return kept.Values.OrderBy(f => f.ClientId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Round n holds each client's n-th distinct acquisition (the same one again changes nothing); usually one round.</summary>
    private static List<List<AcquiredFact>> AcquisitionRounds(IEnumerable<AcquiredFact> facts)
    {
        var rounds = new List<List<AcquiredFact>>();
        var seen = new Dictionary<string, (int Round, AcquiredFact Last)>(StringComparer.Ordinal);
        foreach (var fact in facts.Select(f => f with { Channel = Bounded(f.Channel, MaxChannelLength), Campaign = Bounded(f.Campaign, MaxCampaignLength) }))
        {
            var round = seen.TryGetValue(fact.ClientId, out var last) ? last.Last == fact ? -1 : last.Round + 1 : 0;
            if (round < 0)
            {
                continue;
            }

            if (round == rounds.Count)
            {
                rounds.Add([]);
            }

            rounds[round].Add(fact);
            seen[fact.ClientId] = (round, fact);
        }

        return rounds.Select(r => r.OrderBy(f => f.ClientId, StringComparer.Ordinal).ToList()).ToList();
    }

    private static void Note(Dictionary<string, long> changed, IEnumerable<ProfileVersion> versions)
    {
        foreach (var (clientId, version) in versions)
        {
            changed[clientId] = Math.Max(version, changed.GetValueOrDefault(clientId));
        }
    }

    /// <summary>
    /// Onboarding's current level for the client, as carried by one of its events: Onboarding orders assessments by their
    /// own dates (a late reassessment dated before the approval still counts there), so Content follows its decisions rather
    /// than redating them, in the order Onboarding numbered them (its risk_level_sequence: strictly greater on every later
    /// event of the client). Never by Kafka offsets: a broker reset (DevBroker keeps nothing while PostgreSQL keeps the
    /// profiles), a repartition or a cluster migration restarts or renumbers them, and a reassessment down at a lower offset
    /// would be ignored for good. An event without a sequence (0: published before Onboarding numbered its levels) cannot be
    /// ordered safely, so it is taken fail-safe (<see cref="UnsequencedAsync"/>).
    /// </summary>
    private async Task<IEnumerable<ProfileVersion>> AssessedAsync(List<AssessedFact> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return [];
        }

        var ids = facts.Select(f => f.ClientId).ToArray();
        var tolerances = facts.Select(f => f.Tolerance).ToArray();
        var sequences = facts.Select(f => f.Sequence).ToArray();
        // The same level again moves only the sequence: nothing the client sees changes, so no invalidation.
        var sameLevel = await db.Database.SqlQuery<string>(
            $"""
            UPDATE client_profiles p SET risk_level_sequence = f.sequence
            FROM unnest({ids}::text[], {tolerances}::int[], {sequences}::bigint[]) AS f(client_id, tolerance, sequence)
            WHERE p.client_id = f.client_id AND p.risk_tolerance = f.tolerance AND (p.risk_level_sequence IS NULL OR p.risk_level_sequence < f.sequence)
            RETURNING p.client_id AS "Value"
            """).ToListAsync(cancellationToken);
        var rest = Without(facts, sameLevel);
        // A later sequence wins, and any sequence over a level that had none; under one sequence, the lower level.
        return await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, risk_tolerance, risk_level_sequence, updated_at)
            SELECT f.client_id, f.tolerance, f.sequence, {StoredTime.Now(time)}
            FROM unnest({rest.Select(f => f.ClientId).ToArray()}::text[], {rest.Select(f => f.Tolerance).ToArray()}::int[],
                {rest.Select(f => f.Sequence).ToArray()}::bigint[]) AS f(client_id, tolerance, sequence)
            ON CONFLICT (client_id) DO UPDATE SET risk_tolerance = excluded.risk_tolerance, risk_level_sequence = excluded.risk_level_sequence,
                version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.risk_tolerance IS DISTINCT FROM excluded.risk_tolerance
                AND (p.risk_level_sequence IS NULL OR p.risk_level_sequence < excluded.risk_level_sequence
                    OR p.risk_level_sequence = excluded.risk_level_sequence AND excluded.risk_tolerance < p.risk_tolerance)
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, rest.Count, cancellationToken);
    }

    /// <summary>
    /// A level without a sequence (an event published before Onboarding numbered its levels, still on the topic or replayed
    /// from its dead-letter topic). Its offset may belong to another log than the stored one, so: a higher level applies only
    /// by the old rule (a later offset than the stored level's, which came without a sequence too); a lower level always
    /// applies, whatever its position (safe for the suitability rule; at worst a client sees fewer products until
    /// Onboarding's next event). The stored sequence stays, so Onboarding's next numbered event still decides.
    /// </summary>
    private async Task<IEnumerable<ProfileVersion>> UnsequencedAsync(AssessedFact fact, CancellationToken cancellationToken)
    {
        var (clientId, tolerance, _, offset) = fact;
        var sameLevel = await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE client_profiles SET risk_level_position = {offset}
            WHERE client_id = {clientId} AND risk_tolerance = {tolerance} AND risk_level_sequence IS NULL AND risk_level_position < {offset}
            """, cancellationToken);
        if (sameLevel > 0)
        {
            return [];
        }

        // In the old rule's order: the first level, or a later offset of the log the stored level came from.
        var raised = await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, risk_tolerance, risk_level_position, updated_at)
            VALUES ({clientId}, {tolerance}, {offset}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET risk_tolerance = excluded.risk_tolerance, risk_level_position = excluded.risk_level_position,
                version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.risk_tolerance IS NULL
                OR p.risk_level_sequence IS NULL AND p.risk_level_position < excluded.risk_level_position AND p.risk_tolerance <> excluded.risk_tolerance
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, 1, cancellationToken);
        if (raised.Count > 0)
        {
            return raised;
        }

        // Out of that order, fail-safe: a lower level all the same. The old rule goes on from this event's offset.
        var lowered = await ChangedAsync(
            $"""
            UPDATE client_profiles SET risk_tolerance = {tolerance}, risk_level_position = {offset}, version = version + 1, updated_at = {StoredTime.Now(time)}
            WHERE client_id = {clientId} AND risk_tolerance > {tolerance}
            RETURNING client_id AS "ClientId", version AS "Version"
            """, 1, cancellationToken);
        if (lowered.Count > 0)
        {
            LogLoweredOutOfOrder(logger, tolerance, offset);
        }

        return lowered;
    }

    [LoggerMessage(1, LogLevel.Warning,
        "A risk level without a sequence lowered a profile to C{Tolerance} at offset {Offset}, which is not after the stored level's (another log, or a level Onboarding numbered): applied fail-safe")]
    private static partial void LogLoweredOutOfOrder(ILogger logger, int tolerance, long offset);

    /// <summary>
    /// Where the client came from. The acquisition channel and campaign are those of the earliest registration time seen
    /// (they never differ in practice: Onboarding keeps them per funnel). At most one fact per client.
    /// </summary>
    private async Task<IEnumerable<ProfileVersion>> AcquiredAsync(List<AcquiredFact> facts, CancellationToken cancellationToken) =>
        await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, channel, campaign, registered_at, updated_at)
            SELECT f.client_id, f.channel, f.campaign, f.registered_at, {StoredTime.Now(time)}
            FROM unnest({facts.Select(f => f.ClientId).ToArray()}::text[], {facts.Select(f => f.Channel).ToArray()}::text[],
                {facts.Select(f => f.Campaign).ToArray()}::text[], {facts.Select(f => f.RegisteredAt).ToArray()}::timestamptz[])
                AS f(client_id, channel, campaign, registered_at)
            ON CONFLICT (client_id) DO UPDATE SET
                channel = CASE WHEN excluded.registered_at < p.registered_at THEN COALESCE(excluded.channel, p.channel) ELSE COALESCE(p.channel, excluded.channel) END,
                campaign = CASE WHEN excluded.registered_at < p.registered_at THEN COALESCE(excluded.campaign, p.campaign) ELSE COALESCE(p.campaign, excluded.campaign) END,
                registered_at = LEAST(p.registered_at, excluded.registered_at), version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.channel IS NULL AND excluded.channel IS NOT NULL OR p.campaign IS NULL AND excluded.campaign IS NOT NULL
                OR excluded.registered_at < p.registered_at OR p.registered_at IS NULL AND excluded.registered_at IS NOT NULL
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, facts.Count, cancellationToken);

    private async Task<IEnumerable<ProfileVersion>> ApprovedAsync(List<ApprovedFact> facts, CancellationToken cancellationToken) =>
        await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, approved_at, updated_at)
            SELECT f.client_id, f.at, {StoredTime.Now(time)}
            FROM unnest({facts.Select(f => f.ClientId).ToArray()}::text[], {facts.Select(f => f.At).ToArray()}::timestamptz[]) AS f(client_id, at)
            ON CONFLICT (client_id) DO UPDATE SET approved_at = excluded.approved_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.approved_at IS NULL OR p.approved_at > excluded.approved_at
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, facts.Count, cancellationToken);

    private async Task<IEnumerable<ProfileVersion>> FundedAsync(List<FundedFact> facts, CancellationToken cancellationToken) =>
        await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, funded_at, updated_at)
            SELECT f.client_id, f.at, {StoredTime.Now(time)}
            FROM unnest({facts.Select(f => f.ClientId).ToArray()}::text[], {facts.Select(f => f.At).ToArray()}::timestamptz[]) AS f(client_id, at)
            ON CONFLICT (client_id) DO UPDATE SET funded_at = excluded.funded_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.funded_at IS NULL OR p.funded_at > excluded.funded_at
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, facts.Count, cancellationToken);

    /// <summary>
    /// A trade or a product purchase: only the latest matters (S4 lasts 30 days from it). The highest-volume facts, so a
    /// trade that leaves the stage as it is (a client already investing trades again) moves only the time: no version
    /// bump, no invalidation, the cached feed stays. A copy's lifetime ends at the S4-to-S5 date of the trade it saw,
    /// earlier than the new trade's, so at worst it is worked out again early.
    /// </summary>
    private async Task<IEnumerable<ProfileVersion>> TradedAsync(List<TradedFact> facts, CancellationToken cancellationToken)
    {
        if (facts.Count == 0)
        {
            return [];
        }

        var investingSince = time.GetUtcNow() - LifecycleStage.InvestingWindow;
        // The stage stays when it is Engagement's (its own StageChanged moves it) or does not depend on trades yet (S1, S2), or was S4 and stays S4 (a later trade), or was
        // S5 and stays S5 (this trade too is older than the window); S3 to anything, and S5 to S4, are changes.
        var sameStage = await db.Database.SqlQuery<string>(
            $"""
            UPDATE client_profiles p SET last_trade_at = f.at, updated_at = {StoredTime.Now(time)}
            FROM unnest({facts.Select(f => f.ClientId).ToArray()}::text[], {facts.Select(f => f.At).ToArray()}::timestamptz[]) AS f(client_id, at)
            WHERE p.client_id = f.client_id AND (p.last_trade_at IS NULL OR p.last_trade_at < f.at)
                AND (p.engagement_stage IS NOT NULL OR p.approved_at IS NULL OR p.funded_at IS NULL
                    OR p.last_trade_at IS NOT NULL AND (p.last_trade_at >= {investingSince} OR f.at < {investingSince}))
            RETURNING p.client_id AS "Value"
            """).ToListAsync(cancellationToken);
        var rest = Without(facts, sameStage);
        return await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, last_trade_at, updated_at)
            SELECT f.client_id, f.at, {StoredTime.Now(time)}
            FROM unnest({rest.Select(f => f.ClientId).ToArray()}::text[], {rest.Select(f => f.At).ToArray()}::timestamptz[]) AS f(client_id, at)
            ON CONFLICT (client_id) DO UPDATE SET last_trade_at = excluded.last_trade_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.last_trade_at IS NULL OR p.last_trade_at < excluded.last_trade_at
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, rest.Count, cancellationToken);
    }

    /// <summary>
    /// Engagement's stage of its latest StageChanged, by the change's own time: an older one arriving after a newer one
    /// changes nothing. It decides the stage from then on (<see cref="LifecycleStage"/>).
    /// </summary>
    private async Task<IEnumerable<ProfileVersion>> StageChangedAsync(List<StageChangedFact> facts, CancellationToken cancellationToken) =>
        await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, engagement_stage, engagement_stage_at, updated_at)
            SELECT f.client_id, f.stage, f.at, {StoredTime.Now(time)}
            FROM unnest({facts.Select(f => f.ClientId).ToArray()}::text[], {facts.Select(f => f.Stage).ToArray()}::text[],
                {facts.Select(f => f.At).ToArray()}::timestamptz[]) AS f(client_id, stage, at)
            ON CONFLICT (client_id) DO UPDATE SET engagement_stage = excluded.engagement_stage,
                engagement_stage_at = excluded.engagement_stage_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.engagement_stage_at IS NULL OR p.engagement_stage_at < excluded.engagement_stage_at
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, facts.Count, cancellationToken);

    /// <summary>
    /// The tier of the latest change wins; a distance to the next tier measured before it no longer holds, and goes with
    /// its time: the change's own time guards later distances (a distance is kept only from the change on), so the
    /// row reads the same whichever of the two came first, one by one or in a batch (FactBatchTests).
    /// </summary>
    private async Task<IEnumerable<ProfileVersion>> TierChangedAsync(List<TierChangedFact> facts, CancellationToken cancellationToken) =>
        await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, tier, tier_changed_at, updated_at)
            SELECT f.client_id, f.tier, f.at, {StoredTime.Now(time)}
            FROM unnest({facts.Select(f => f.ClientId).ToArray()}::text[], {facts.Select(f => f.Tier).ToArray()}::text[],
                {facts.Select(f => f.At).ToArray()}::timestamptz[]) AS f(client_id, tier, at)
            ON CONFLICT (client_id) DO UPDATE SET tier = excluded.tier, tier_changed_at = excluded.tier_changed_at,
                amount_to_next_tier = CASE WHEN p.amount_to_next_tier_at < excluded.tier_changed_at THEN NULL ELSE p.amount_to_next_tier END,
                amount_to_next_tier_at = CASE WHEN p.amount_to_next_tier_at < excluded.tier_changed_at THEN NULL ELSE p.amount_to_next_tier_at END,
                version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.tier_changed_at IS NULL OR p.tier_changed_at < excluded.tier_changed_at
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, facts.Count, cancellationToken);

    /// <summary>The latest distance to the next tier, unless a tier change came after it.</summary>
    private async Task<IEnumerable<ProfileVersion>> NearNextTierAsync(List<NearNextTierFact> facts, CancellationToken cancellationToken) =>
        await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, amount_to_next_tier, amount_to_next_tier_at, updated_at)
            SELECT f.client_id, f.amount, f.at, {StoredTime.Now(time)}
            FROM unnest({facts.Select(f => f.ClientId).ToArray()}::text[], {facts.Select(f => f.Amount).ToArray()}::numeric[],
                {facts.Select(f => f.At).ToArray()}::timestamptz[]) AS f(client_id, amount, at)
            ON CONFLICT (client_id) DO UPDATE SET amount_to_next_tier = excluded.amount_to_next_tier,
                amount_to_next_tier_at = excluded.amount_to_next_tier_at, version = p.version + 1, updated_at = excluded.updated_at
            WHERE (p.amount_to_next_tier_at IS NULL OR p.amount_to_next_tier_at < excluded.amount_to_next_tier_at)
                AND (p.tier_changed_at IS NULL OR p.tier_changed_at <= excluded.amount_to_next_tier_at)
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, facts.Count, cancellationToken);

    /// <summary>Replaces the operator tags; an identical set changes nothing.</summary>
    /// <exception cref="ClientErasedException">The client was erased.</exception>
    public async Task<bool> SetOperatorTagsAsync(string clientId, string[] tags, CancellationToken cancellationToken)
    {
        if ((await ErasureTombstones.LockClientsAndFindErasedAsync(db.Database, [clientId], cancellationToken)).Count > 0)
        {
            throw new ClientErasedException();
        }

        var changed = await ChangedAsync(
            $"""
            INSERT INTO client_profiles AS p (client_id, operator_tags, updated_at) VALUES ({clientId}, {tags}, {StoredTime.Now(time)})
            ON CONFLICT (client_id) DO UPDATE SET operator_tags = excluded.operator_tags, version = p.version + 1, updated_at = excluded.updated_at
            WHERE p.operator_tags IS DISTINCT FROM excluded.operator_tags
            RETURNING p.client_id AS "ClientId", p.version AS "Version"
            """, 1, cancellationToken);
        if (changed.Count > 0)
        {
            await invalidations.RequestAsync([(clientId, changed[0].Version)], cancellationToken);
        }

        return changed.Count > 0;
    }

    /// <summary>Runs an upsert that returns each row it changed with its new version; nothing when it has no row to write.</summary>
    private async Task<List<ProfileVersion>> ChangedAsync(FormattableString upsert, int rows, CancellationToken cancellationToken) =>
        rows == 0 ? [] : await db.Database.SqlQuery<ProfileVersion>(upsert).ToListAsync(cancellationToken);

    private static List<T> Without<T>(List<T> facts, List<string> clientIds) where T : ProfileFact
    {
        var done = clientIds.ToHashSet(StringComparer.Ordinal);
        return facts.Where(f => !done.Contains(f.ClientId)).ToList();
    }

    /// <summary>Free text from another service is kept only when it fits (it is a targeting attribute, not a record to preserve).</summary>
    private static string? Bounded(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength ? null : value;
}
