using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Content.Catalog;
using Platform.Content.Experiments;
using Platform.Content.Profiles;
using Platform.Content.Selection;
using Platform.Messaging.Privacy;

namespace Platform.Content.Feed;

/// <summary>
/// A client's feed: from its Redis copy when the copy was worked out from this replica's catalogue
/// snapshot, is still valid and no invalidation is pending; otherwise worked out from the profile
/// in PostgreSQL and the snapshot, and cached. Redis down: the database answers, nothing is cached.
/// </summary>
public sealed class FeedReader(
    ContentDbContext db, CatalogCache catalog, FeedCopies copies, PendingInvalidations pending, IExperimentGates experiments,
    ExposureRecorder exposures, IOptions<FeedOptions> options, IOptions<ChannelLimits> limits, TimeProvider time)
{
    /// <param name="byTheClient">
    /// False for an operator looking at what a client sees: nothing is recorded (no assignment, no exposure, no copy), since
    /// the client was shown nothing.
    /// </param>
    /// <returns>The feed; null for an erased client (asked only when it has no profile: no cost for the others).</returns>
    public async Task<IReadOnlyList<Grpc.ServedItem>?> GetAsync(string clientId, int limit, bool byTheClient, CancellationToken cancellationToken)
    {
        var snapshot = await catalog.GetAsync(cancellationToken);
        var now = time.GetUtcNow();
        var useCache = !pending.Contains(clientId);
        if (useCache && await copies.GetAsync(clientId) is { } copy && copy.CatalogVersion == snapshot.Version && copy.ValidUntil.ToDateTimeOffset() > now)
        {
            if (byTheClient && limit > copy.ExposuresThrough && copy.Items.Count > copy.ExposuresThrough)
            {
                // A longer read than the copy's exposures cover: the items now served for the first time are exposures too.
                await exposures.RecordAsync(snapshot, clientId, Arms(copy.Items.Skip(copy.ExposuresThrough).Take(limit - copy.ExposuresThrough)), cancellationToken);
                copy.ExposuresThrough = Math.Min(limit, copy.Items.Count);
                await copies.FillAsync(clientId, copy, copy.ProfileVersion, copy.ValidUntil.ToDateTimeOffset() - now);
            }

            return [.. copy.Items.Take(limit)];
        }

        var profile = await db.Profiles.AsNoTracking().FirstOrDefaultAsync(p => p.ClientId == clientId, cancellationToken);
        if (profile is null && await ErasureTombstones.IsErasedAsync(db.Database, clientId, cancellationToken))
        {
            return null; // erased: no feed, no assignment, no exposure
        }

        var client = profile is null ? ClientView.Unknown(clientId) : ClientView.Of(profile, now);
        var gate = await experiments.ForClientAsync(snapshot, client, SelectionRequest.Feed, now, assign: byTheClient, cancellationToken);
        var items = ContentSelector.Select(snapshot, client, SelectionRequest.Feed, now, gate, limits.Value, FeedOptions.MaxItems)
            .Select(ToGrpc).ToList();
        if (!byTheClient)
        {
            return [.. items.Take(limit)];
        }

        await exposures.RecordAsync(snapshot, clientId, Arms(items.Take(limit)), cancellationToken);
        if (useCache)
        {
            var validUntil = new[] { now + options.Value.CopyTimeToLive, snapshot.NextValidityChange(now), profile is null ? null : LifecycleStage.NextChange(profile, now) }
                .Where(t => t is not null).Min()!.Value;
            await copies.FillAsync(clientId, new FeedCopy
            {
                CatalogVersion = snapshot.Version, ProfileVersion = client.ProfileVersion, ValidUntil = Timestamp.FromDateTimeOffset(validUntil),
                Items = { items }, ExposuresThrough = Math.Min(limit, items.Count),
            }, client.ProfileVersion, validUntil - now);
        }

        return [.. items.Take(limit)];
    }

    private static IEnumerable<(string ItemId, string ExperimentKey, string Variant)> Arms(IEnumerable<Grpc.ServedItem> items) =>
        items.Where(i => i.Experiment is not null).Select(i => (i.ItemId, i.Experiment.Key, i.Experiment.Variant));

    public static Grpc.ServedItem ToGrpc(ServedItem item) => new()
    {
        ItemId = item.ItemId, Kind = ContentKinds.Wire(item.Kind), Title = item.Title, Body = item.Body, Priority = item.Priority, Version = item.Version,
        Experiment = item.Experiment is { } arm ? new Grpc.ExperimentArm { Key = arm.Key, Variant = arm.Variant } : null,
    };
}
