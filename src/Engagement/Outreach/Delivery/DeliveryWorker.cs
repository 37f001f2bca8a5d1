using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Engagement.Channels;
using Platform.Engagement.Outreach.Decisions;
using Platform.Engagement.Policies;
using Platform.Engagement.Settings;
using Platform.ServiceDefaults.Data;

namespace Platform.Engagement.Outreach.Delivery;

/// <summary>
/// Drains the delivery queue. A round claims due deliveries with FOR UPDATE SKIP LOCKED and, in the same statement,
/// leases them (next_attempt_at moves <see cref="DeliveryOptions.Lease"/> ahead, attempts + 1) and commits, so no lock
/// is held while the adapters call their providers; then it sends, and records each outcome with a statement guarded
/// on the row still being queued. A replica skips the leased rows; a worker that stops between the send and the record
/// leaves its rows to be claimed again when the lease ends, and they are sent again with the same message id (the
/// Idempotency-Key): at least once to the provider, exactly once per instance in our records. Quiet hours are judged again
/// at the send (a retry's backoff, a lease ended after a crash or a backlog can carry a delivery into them): one due inside
/// the window waits for its end, and the wait is not an attempt; when it ends, a delivery whose moment's goal the client
/// reached meanwhile (a prospect who resumed overnight) goes nowhere: its instance is closed suppressed/quiet_hours, as the
/// decision worker closes a deferred one gone stale.
/// </summary>
public sealed partial class DeliveryWorker(
    IServiceScopeFactory scopes, ChannelAdapterRegistry adapters, SettingsReader engagementSettings, IDatabaseReadiness database,
    IOptions<DeliveryOptions> options, TimeProvider time, DeliveryTelemetry telemetry, ILogger<DeliveryWorker> logger) : DrainingWorker(database, logger)
{
    /// <summary>The note of a delivery quiet hours hold: at their end its goal is looked at before it goes.</summary>
    public const string HeldByQuietHours = "held by quiet hours";

    protected override TimeSpan Pause => options.Value.PollInterval;

    // Business time: tests move a fake clock past backoffs and leases.
    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "outreach deliveries";

    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken) =>
        await DeliverDueAsync(cancellationToken) >= options.Value.BatchSize;

    /// <summary>One round: claims, sends and records the due deliveries; returns how many it claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimed = await ClaimAsync(settings, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var quietHours = (await engagementSettings.GetCurrentAsync(cancellationToken)).Settings.QuietHours;
        var stale = await GoalsReachedWhileHeldAsync(claimed, cancellationToken);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency, CancellationToken = cancellationToken },
            async (delivery, token) => await DeliverAsync(delivery, settings, quietHours, stale.ContainsKey(delivery.InstanceKey), token));
        return claimed.Count;
    }

    /// <summary>Of the claimed deliveries quiet hours held, those whose moment's goal the client reached after the instance fired: one statement.</summary>
    private async Task<Dictionary<string, DateTimeOffset>> GoalsReachedWhileHeldAsync(List<ClaimedDelivery> claimed, CancellationToken cancellationToken)
    {
        var held = claimed.Where(d => d.LastError == HeldByQuietHours && d is { Moment: not null, FiredAt: not null })
            .Select(d => new GoalProbe(d.InstanceKey, d.ClientId, d.Moment!, d.FiredAt!.Value)).ToList();
        if (held.Count == 0)
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        return await GoalsSinceFiring.ReadAsync(scope.ServiceProvider.GetRequiredService<EngagementDbContext>(), held, cancellationToken);
    }

    private async Task<List<ClaimedDelivery>> ClaimAsync(DeliveryOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var now = time.GetUtcNow();
        var leaseEnd = now + settings.Lease;
        // One statement, its own transaction: the row locks last only while it runs.
        var claimed = await db.Database.SqlQuery<ClaimedDelivery>($"""
            WITH due AS (
                SELECT message_id FROM outreach_deliveries
                WHERE status = 'queued' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at LIMIT {settings.BatchSize}
                FOR UPDATE SKIP LOCKED),
            claimed AS (
                UPDATE outreach_deliveries d SET next_attempt_at = {leaseEnd}, attempts = d.attempts + 1
                FROM due WHERE d.message_id = due.message_id
                RETURNING d.message_id, d.instance_key, d.client_id, d.channel, d.attempts, d.last_error)
            SELECT c.message_id AS "MessageId", c.instance_key AS "InstanceKey", c.client_id AS "ClientId", c.channel AS "Channel",
                   c.attempts AS "Attempts", coalesce(i.decision, 'gone') AS "Decision", i.moment AS "Moment", i.item_id AS "ItemId", i.title AS "Title", i.body AS "Body",
                   i.fired_at AS "FiredAt", c.last_error AS "LastError"
            FROM claimed c LEFT JOIN outreach_instances i ON i.instance_key = c.instance_key
            """).ToListAsync(cancellationToken);
        var oldest = await db.OutreachDeliveries.Where(d => d.Status == DeliveryStatuses.Queued)
            .MinAsync(d => (DateTimeOffset?)d.CreatedAt, cancellationToken);
        telemetry.OldestQueuedAge = oldest is { } createdAt ? now - createdAt : null;
        return claimed;
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, DeliveryOptions settings, QuietHours quietHours, bool goalReachedWhileHeld,
        CancellationToken cancellationToken)
    {
        if (delivery.Decision != OutreachDecisions.Sent)
        {
            // Erased or otherwise decided again since it was queued: nothing goes out, and the row says why.
            await RecordAsync(delivery, DeliveryOutcome.Cancelled, $"not sent: the instance is now {delivery.Decision}", settings, cancellationToken);
            return;
        }

        if (delivery.Attempts > settings.MaxAttempts)
        {
            // Claimed that often without an outcome recorded (workers stopping mid-send): failed, not retried forever.
            await RecordAsync(delivery, DeliveryOutcome.Failed, $"{settings.MaxAttempts} attempts without an outcome recorded", settings, cancellationToken);
            return;
        }

        if (QuietHoursPolicy.DeferUntil(quietHours, delivery.Channel, time.GetUtcNow()) is { } windowEnd)
        {
            // Due inside quiet hours (decided before them): it goes when they end, and the wait is not one of its attempts.
            await WaitAsync(delivery, windowEnd, cancellationToken);
            return;
        }

        if (goalReachedWhileHeld)
        {
            await RecordAsync(delivery, DeliveryOutcome.Stale, "not sent: the client reached the moment's goal while quiet hours held it", settings,
                cancellationToken);
            return;
        }

        var message = new OutreachMessage(delivery.MessageId, delivery.InstanceKey, delivery.ClientId, delivery.Channel, delivery.ItemId,
            delivery.Title ?? "", delivery.Body ?? "");
        var result = await SendAsync(message, cancellationToken);
        var outcome = result switch
        {
            { Delivered: true } => DeliveryOutcome.Delivered,
            { Transient: true } when delivery.Attempts < settings.MaxAttempts => DeliveryOutcome.Retry,
            _ => DeliveryOutcome.Failed,
        };
        var error = result.Delivered ? null
            : outcome == DeliveryOutcome.Failed && result.Transient ? $"{settings.MaxAttempts} attempts failed, the last: {result.Reason}" : result.Reason;
        // A stopping host does not stop the record of a send that happened: otherwise it is sent once more after the lease.
        await RecordAsync(delivery, outcome, error, settings, CancellationToken.None);
    }

    /// <summary>An adapter's exception (a bug, not the provider's answer) fails this message's attempt, not the round's other messages.</summary>
    private async Task<DeliveryResult> SendAsync(OutreachMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await adapters.For(message.Channel).SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            AdapterThrew(logger, exception, message.Channel, message.MessageId);
            return DeliveryResult.Failed($"the {message.Channel} adapter threw {exception.GetType().Name}", transient: true);
        }
    }

    /// <summary>Gives the claim back until <paramref name="until"/>, uncounted; only the latest claim may (a worker whose lease ended must not).</summary>
    private async Task WaitAsync(ClaimedDelivery delivery, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        await db.OutreachDeliveries.Where(d => d.MessageId == delivery.MessageId && d.Status == DeliveryStatuses.Queued && d.Attempts == delivery.Attempts)
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, until).SetProperty(d => d.Attempts, d => d.Attempts - 1)
                .SetProperty(d => d.LastError, HeldByQuietHours), cancellationToken);
    }

    private async Task RecordAsync(ClaimedDelivery delivery, DeliveryOutcome outcome, string? error, DeliveryOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementDbContext>();
        var now = time.GetUtcNow();
        error = error is { Length: > OutreachDelivery.MaxErrorLength } ? error[..OutreachDelivery.MaxErrorLength] : error;
        var queued = db.OutreachDeliveries.Where(d => d.MessageId == delivery.MessageId && d.Status == DeliveryStatuses.Queued);
        // Only the latest claim records a retry or a failure: a worker whose lease ended must not move another's.
        var mine = queued.Where(d => d.Attempts == delivery.Attempts);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                // Whichever claim's send it was, the message is out: recorded once, by the first to record it.
                if (await queued.ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatuses.Delivered)
                        .SetProperty(d => d.DeliveredAt, now).SetProperty(d => d.LastError, (string?)null), cancellationToken) == 1)
                {
                    await db.OutreachInstances.Where(i => i.InstanceKey == delivery.InstanceKey && i.DeliveredAt == null)
                        .ExecuteUpdateAsync(set => set.SetProperty(i => i.DeliveredAt, now), cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    telemetry.Delivered(delivery.Channel);
                }

                return;
            case DeliveryOutcome.Retry:
                var next = now + settings.Backoff(delivery.Attempts);
                if (await mine.ExecuteUpdateAsync(set => set.SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.LastError, error), cancellationToken) == 1)
                {
                    await transaction.CommitAsync(cancellationToken);
                    telemetry.Retried(delivery.Channel);
                }

                return;
            case DeliveryOutcome.Cancelled:
                await mine.ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatuses.Failed).SetProperty(d => d.LastError, error), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            case DeliveryOutcome.Stale:
                if (await mine.ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatuses.Failed).SetProperty(d => d.LastError, error),
                        cancellationToken) == 1)
                {
                    // The audit shows it as the decision worker shows a deferred instance gone stale: suppressed, quiet_hours.
                    await db.OutreachInstances.Where(i => i.InstanceKey == delivery.InstanceKey && i.Decision == OutreachDecisions.Sent)
                        .ExecuteUpdateAsync(set => set.SetProperty(i => i.Decision, OutreachDecisions.Suppressed)
                            .SetProperty(i => i.Reason, OutreachReasons.QuietHours), cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }

                return;
            default:
                if (await mine.ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryStatuses.Failed).SetProperty(d => d.LastError, error), cancellationToken) == 1)
                {
                    // The audit shows it: failed, delivery_failed (the provider's words stay on the delivery row).
                    await db.OutreachInstances.Where(i => i.InstanceKey == delivery.InstanceKey && i.Decision == OutreachDecisions.Sent)
                        .ExecuteUpdateAsync(set => set.SetProperty(i => i.Decision, OutreachDecisions.Failed)
                            .SetProperty(i => i.Reason, OutreachReasons.DeliveryFailed), cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    telemetry.Failed(delivery.Channel);
                    DeliveryFailed(logger, delivery.Channel, delivery.MessageId, delivery.Moment ?? "", error ?? "");
                }

                return;
        }
    }

    private enum DeliveryOutcome
    {
        Delivered,
        Retry,
        Failed,
        Cancelled,
        Stale,
    }

    [LoggerMessage(1211, LogLevel.Error, "The {Channel} adapter threw on outreach {MessageId}; retried as a transient failure")]
    private static partial void AdapterThrew(ILogger logger, Exception exception, string channel, Guid messageId);

    // The message id and the moment, never the instance key: it holds the client id, and logs outlive an erasure.
    [LoggerMessage(1210, LogLevel.Warning, "Delivery of {Channel} outreach {MessageId} ({Moment}) failed for good: {Error}")]
    private static partial void DeliveryFailed(ILogger logger, string channel, Guid messageId, string moment, string error);
}
