using Microsoft.Extensions.Options;
using Platform.Content.Feed;
using Platform.Engagement.Events;
using Platform.Messaging.Consuming;
using Platform.Messaging.Privacy;

namespace Platform.Content.Privacy;

/// <summary>
/// Erases what Content holds about a client: its profile (facts and operator tags), its pending feed invalidation, its
/// experiment assignments, exposures and conversions. The experiments' counts stay (aggregates, no client in them).
/// Under the client's lock, which every writer of a profile takes (<see cref="Profiles.ProfileFacts"/>), a tombstone is
/// written first: the profile consumer, tags and conversions find it and write nothing for the client again. The feed
/// copy in Redis is forgotten before the commit and after it (<see cref="ErasureTombstones.ForgetCopiesAsync"/>).
/// </summary>
public sealed class ClientErasedHandler(ContentDbContext db, FeedCopies feeds, IOptions<FeedOptions> options, AfterCommit afterCommit)
    : IEventHandler<ClientErased>
{
    // One round trip; the client id is the only parameter.
    private const string Erase = """
        DELETE FROM client_profiles WHERE client_id = {0};
        DELETE FROM feed_invalidations WHERE client_id = {0};
        DELETE FROM experiment_assignments WHERE client_id = {0};
        DELETE FROM experiment_exposures WHERE client_id = {0};
        DELETE FROM experiment_conversions WHERE client_id = {0};
        """;

    public async Task HandleAsync(ClientErased message, EventContext context, CancellationToken cancellationToken)
    {
        await ErasureTombstones.EraseAsync(db.Database, message.ClientId, message.ErasedAt?.ToDateTimeOffset() ?? context.OccurredAt, Erase, cancellationToken);
        await ErasureTombstones.ForgetCopiesAsync(afterCommit, () => feeds.ForgetAsync(message.ClientId, options.Value.CopyTimeToLive));
    }
}
