using Microsoft.EntityFrameworkCore;
using Platform.Content.Events;
using Platform.Messaging.Consuming;
using Platform.Messaging.Postgres;

namespace Platform.Onboarding.Variants;

/// <summary>
/// Puts a client into an experiment's variant for the funnel report. Idempotent: the inbox skips a redelivery, and
/// the key (client, experiment) a second exposure with another event id. A failing insert throws, so the host
/// retries it and never moves past it. The client's funnel row is neither needed nor touched: the report joins
/// the variants when it is read, which is what lets an exposure arrive before the client's first step or after its
/// last.
/// </summary>
public sealed partial class ExposureHandler(OnboardingDbContext db, ILogger<ExposureHandler> logger) : IEventHandler<ExposureRecorded>
{
    // Never for an erased client; the caller holds the client's lock, which the erasure takes too.
    private const string Keep = """
        INSERT INTO client_variants (client_id, experiment_key, variant, item_id, exposed_at)
        SELECT {0}, {1}, {2}, {3}, {4} WHERE NOT EXISTS (SELECT 1 FROM erased_clients WHERE client_id = {0})
        ON CONFLICT (client_id, experiment_key) DO NOTHING
        """;

    public async Task HandleAsync(ExposureRecorded message, EventContext context, CancellationToken cancellationToken)
    {
        if (VariantKeys.Problem(message.ClientId, message.ExperimentKey, message.Variant, message.ItemId) is { } problem)
        {
            // Content checks these fields; no retry can make such an exposure storable. Logged without the values.
            LogUnusable(logger, context.EventId, problem);
            return;
        }

        var exposedAt = message.OccurredAt?.ToDateTimeOffset() ?? context.OccurredAt;
        await db.Database.LockClientAsync(message.ClientId, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Keep,
            [message.ClientId, message.ExperimentKey, message.Variant, message.ItemId, exposedAt.ToUniversalTime()], cancellationToken);
    }

    [LoggerMessage(1, LogLevel.Warning, "ExposureRecorded {EventId} cannot slice the funnel report and is ignored: {Problem}")]
    private static partial void LogUnusable(ILogger logger, Guid eventId, string problem);
}
