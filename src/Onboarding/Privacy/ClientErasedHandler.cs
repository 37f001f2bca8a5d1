using Platform.Engagement.Events;
using Platform.Messaging.Consuming;
using Platform.Messaging.Privacy;
using Platform.Onboarding.Progress;

namespace Platform.Onboarding.Privacy;

/// <summary>
/// Erases what Onboarding holds about a client: its progress and reached steps, the answers to its steps, its early
/// deposit, its experiment variants and its timers. The funnel report's counts stay (aggregates, no client in them).
/// Under the client's lock, which every writer of these rows takes, a tombstone is written first: the step path and the
/// consumers find it and write nothing for the client again. The progress copy in Redis is forgotten before the commit and
/// after it (<see cref="ErasureTombstones.ForgetCopiesAsync"/>).
/// </summary>
public sealed class ClientErasedHandler(OnboardingDbContext db, ProgressCache progress, AfterCommit afterCommit) : IEventHandler<ClientErased>
{
    // One round trip; the client id is the only parameter.
    private const string Erase = """
        DELETE FROM funnel_steps WHERE client_id = {0};
        DELETE FROM client_funnels WHERE client_id = {0};
        DELETE FROM recorded_step_events WHERE client_id = {0};
        DELETE FROM early_deposits WHERE client_id = {0};
        DELETE FROM client_variants WHERE client_id = {0};
        DELETE FROM funnel_timers WHERE client_id = {0};
        """;

    public async Task HandleAsync(ClientErased message, EventContext context, CancellationToken cancellationToken)
    {
        await ErasureTombstones.EraseAsync(db.Database, message.ClientId, message.ErasedAt?.ToDateTimeOffset() ?? context.OccurredAt, Erase, cancellationToken);
        await ErasureTombstones.ForgetCopiesAsync(afterCommit, () => progress.ForgetAsync(message.ClientId));
    }
}
