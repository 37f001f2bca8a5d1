using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Engagement.Privacy;
using Platform.Engagement.Rules;
using Platform.Engagement.Settings;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults.Data;

namespace Platform.Engagement.Outreach.Decisions;

/// <summary>
/// Decides the moment instances that are due (pending past the priority window, deferred past the quiet hours), on every
/// replica: claims a batch under a lease (<see cref="InstanceLeases"/>), reads the clients' standing and recent
/// outreach once (and, for deferred instances, whether their goal was reached since they fired), asks Content for
/// words where the rules get that far, and records the round's decisions in one short transaction
/// (<see cref="DecisionRecorder"/>: one statement for the instances, one batch of inserts, one commit; a transaction per
/// decision capped the pipeline at some 170 decisions a second in the Engagement benchmark). A client's instances are
/// decided highest priority first, each seeing the ones before it, so the one that goes is the highest (and judged again
/// when the round records, against the verdicts that stand then: <see cref="RoundRecheck"/>); clients are
/// decided side by side (<see cref="DecisionOptions.Parallelism"/>: their words are independent, and most of a decision is
/// waiting for Content). Content unavailable or late: the instance stays leased and is tried again when the lease ends;
/// nothing is skipped.
/// </summary>
internal sealed partial class DecisionWorker(
    IServiceScopeFactory scopes, IOptions<DecisionOptions> options, OutreachTelemetry telemetry, TimeProvider time, IDatabaseReadiness database,
    ILogger<DecisionWorker> logger)
    : DrainingWorker(database, logger)
{
    protected override TimeSpan Pause => options.Value.PollInterval;

    protected override TimeProvider PauseClock => time;

    protected override string WorkName => "outreach decisions";

    protected override async Task<bool> DrainOnceAsync(int loop, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<EngagementDbContext>();
        var now = time.GetUtcNow();
        var leased = await InstanceLeases.ClaimAsync(db, now, now + options.Value.Lease, options.Value.BatchSize, cancellationToken);
        if (leased.Count == 0)
        {
            return false;
        }

        var settings = (await services.GetRequiredService<SettingsReader>().GetCurrentAsync(cancellationToken)).Settings;
        var rules = await services.GetRequiredService<RuleBook>().GetAsync(cancellationToken);
        string[] clients = [.. leased.Select(i => i.ClientId).Distinct(StringComparer.Ordinal)];
        var standings = await services.GetRequiredService<IClientStandings>().ReadAsync(clients, cancellationToken);
        var recent = await RecentAsync(db, clients, now - LongestCap(settings) - settings.PriorityWindow, cancellationToken);
        var goals = await GoalsSinceFiring.ReadAsync(db, leased, cancellationToken);
        var words = services.GetRequiredService<OutreachWords>();
        var decided = new ConcurrentQueue<DecisionRecord>();
        // Past this no Content call starts: what the round decided by then is recorded while its lease still stands, and the
        // rest stays leased and is claimed again when the lease ends (a round outliving its lease recorded nothing at all).
        var stopAt = now + options.Value.Lease - options.Value.LeaseMargin;
        var putOff = 0;
        await Parallel.ForEachAsync(leased.GroupBy(i => i.ClientId, StringComparer.Ordinal),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (client, token) =>
            {
                // Only this client's list: the tasks share the dictionary, never a list.
                var mine = recent[client.Key];
                List<DecisionRecord> clientDecisions = [];
                try
                {
                    var ordered = client.OrderByDescending(i => i.Priority).ThenBy(i => i.FiredAt).ToList();
                    foreach (var (instance, index) in ordered.Select((instance, index) => (instance, index)))
                    {
                        if (time.GetUtcNow() >= stopAt)
                        {
                            Interlocked.Add(ref putOff, ordered.Count - index);
                            break;
                        }

                        var standing = standings.GetValueOrDefault(instance.ClientId, ClientStanding.Unknown);
                        var rule = rules.Get(instance.Moment);
                        var subject = new DecisionSubject(instance.InstanceKey, instance.ClientId, instance.Moment, instance.Priority, instance.FiredAt,
                            instance.Channel, rule?.Action.WhenCapped ?? CappedAction.Suppress, instance.DeferredUntil,
                            goals.TryGetValue(instance.InstanceKey, out var reached) ? reached : null);
                        var others = mine.Where(o => o.InstanceKey != instance.InstanceKey).ToList();
                        if (await DecideAsync(subject, instance, rule, standing, settings, others, words, now, token) is var (verdict, content))
                        {
                            // The next of this client's instances weighs this one as decided (caps, priority); the recording transaction
                            // judges both again once it knows which verdicts stand (RoundRecheck).
                            RoundRecheck.Remember(mine, instance, verdict, now);
                            clientDecisions.Add(new DecisionRecord(instance, subject, verdict, content, standing));
                        }
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // One client's failure (Content refusing for good, odd stored values) costs that client's decisions only: its
                    // instances stay leased and are tried again when the lease ends; the other clients' are recorded.
                    LogClientFailed(logger, ex, client.Count());
                    return;
                }

                foreach (var decision in clientDecisions)
                {
                    decided.Enqueue(decision);
                }
            });

        if (putOff > 0)
        {
            LogRoundOutOfTime(logger, putOff);
        }

        await using (var transaction = await db.Database.BeginWholeTransactionAsync(cancellationToken))
        {
            // The clients' locks (erasure takes them too), then the round's rows whose lease still stands (locked: no other
            // replica claims them now), then what changed since the round's reads: an erasure, another replica's decisions
            // (caps, priority), a goal reached. The verdicts that stand are settled first (lease, last look), and only then is
            // each decision that weighed them judged again: a competitor is lower priority only to an instance that goes.
            await db.Database.LockClientsAsync(clients, cancellationToken);
            var held = await InstanceLeases.HoldAsync(db, [.. decided.Select(d => d.Instance)], cancellationToken);
            var stillLeased = decided.Where(d => held.Contains(d.Instance.InstanceKey)).ToList();
            var erased = await services.GetRequiredService<ErasedClients>().AmongAsync(clients, cancellationToken);
            var stored = await RecentAsync(db, clients, now - LongestCap(settings) - settings.PriorityWindow, cancellationToken);
            var round = RoundRecheck.Apply(await LastLookAsync(db, stillLeased, settings, cancellationToken), erased, stored, settings, now);
            var recorded = await services.GetRequiredService<DecisionRecorder>().RecordAsync(round, settings, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var decision in recorded)
            {
                telemetry.Decided(decision.Verdict.Decision, decision.Verdict.Reason);
            }

            // Another replica claimed these once the lease ended: this round's work on them is lost (it decides them itself).
            telemetry.LeaseLost(decided.Count - stillLeased.Count + round.Count - recorded.Count);
        }

        return leased.Count >= options.Value.BatchSize;
    }

    /// <summary>The verdict and the words it was reached with, or null when Content could not answer in time (tried again after the lease).</summary>
    private async Task<(Verdict, ContentChoice?)?> DecideAsync(DecisionSubject subject, OutreachInstance instance, Rule? rule, ClientStanding standing,
        EngagementSettings settings, IReadOnlyCollection<ClientOutreach> others, OutreachWords words, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (OutreachDecider.BeforeContent(subject, standing.Erased, settings) is { } early)
        {
            return (early, null);
        }

        var channel = OutreachDecider.ChannelFor(subject, standing.TierLevel, settings);
        try
        {
            // A rule removed since it fired has no words to ask for.
            var content = rule is null ? ContentChoice.None(OutreachReasons.NoContent) : await words.ChooseAsync(instance, rule.Action.Content, channel, cancellationToken);
            var verdict = OutreachDecider.WithContent(subject, content, standing.TierLevel, settings, others, now);
            if (verdict.Decision == OutreachDecisions.Sent && verdict.Channel != channel && rule is not null)
            {
                // Capped and moved to the inbox: the words for the inbox.
                content = await words.ChooseAsync(instance, rule.Action.Content, verdict.Channel, cancellationToken);
                verdict = content.Found ? verdict : Verdict.Suppressed(content.NotFoundReason!, verdict.Channel);
            }

            return (verdict, content);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted
            // Engagement's token refused (a key rotating): as passing as Content being away.
            or StatusCode.Unauthenticated)
        {
            LogContentUnavailable(logger, ex.StatusCode, instance.Moment);
            return null;
        }
    }

    /// <summary>
    /// Deferred instances that may be sent (judged a send, or a cap or lower priority that <see cref="RoundRecheck"/> may
    /// turn into one) look at their goal once more, in the recording transaction: Content may have taken seconds since the
    /// round's read, and a goal event committed meanwhile closes them unsent. A goal event committed after this statement is
    /// after the decision, which it cannot undo.
    /// </summary>
    private static async Task<IReadOnlyList<DecisionRecord>> LastLookAsync(EngagementDbContext db, IReadOnlyList<DecisionRecord> round,
        EngagementSettings settings, CancellationToken cancellationToken)
    {
        var sends = round.Where(d => RoundRecheck.CouldSend(d.Verdict) && GoalsSinceFiring.Applies(d.Instance)).Select(d => d.Instance).ToList();
        if (sends.Count == 0)
        {
            return round;
        }

        var reached = await GoalsSinceFiring.ReadAsync(db, sends, cancellationToken);
        return [.. round.Select(d => RoundRecheck.CouldSend(d.Verdict) && reached.TryGetValue(d.Instance.InstanceKey, out var at)
            && OutreachDecider.BeforeContent(d.Subject with { GoalReachedAt = at }, d.Standing.Erased, settings) is { } closed
            ? d with { Verdict = closed }
            : d)];
    }

    /// <summary>The clients' instances that can weigh on a decision now: fired or decided since <paramref name="since"/>, or still undecided.</summary>
    private static async Task<Dictionary<string, List<ClientOutreach>>> RecentAsync(EngagementDbContext db, string[] clients, DateTimeOffset since,
        CancellationToken cancellationToken)
    {
        var rows = await db.OutreachInstances.AsNoTracking()
            .Where(i => clients.Contains(i.ClientId) && (i.FiredAt >= since || i.DecidedAt >= since
                || i.Decision == OutreachDecisions.Pending || i.Decision == OutreachDecisions.Deferred))
            .Select(i => new { i.ClientId, i.InstanceKey, i.Moment, i.Priority, i.FiredAt, i.Decision, i.Channel, i.DecidedAt })
            .ToListAsync(cancellationToken);
        var recent = clients.ToDictionary(c => c, _ => new List<ClientOutreach>(), StringComparer.Ordinal);
        foreach (var row in rows)
        {
            recent[row.ClientId].Add(new ClientOutreach(row.InstanceKey, row.Moment, row.Priority, row.FiredAt, row.Decision, row.Channel,
                row.Decision == OutreachDecisions.Sent ? row.DecidedAt : null));
        }

        return recent;
    }

    private static TimeSpan LongestCap(EngagementSettings settings) => settings.Caps.Values.Select(c => c.Per).DefaultIfEmpty(TimeSpan.Zero).Max();

    [LoggerMessage(1, LogLevel.Warning, "Content did not answer ({Status}) for a {Moment} instance; it is decided again when its lease ends")]
    private static partial void LogContentUnavailable(ILogger logger, StatusCode status, string moment);

    [LoggerMessage(2, LogLevel.Warning, "Deciding a client's {Count} instances failed; they are decided again when their lease ends, the round's other clients are recorded")]
    private static partial void LogClientFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(3, LogLevel.Warning, "A decision round reached its lease's margin; {Count} instances were left leased, to be decided when the lease ends")]
    private static partial void LogRoundOutOfTime(ILogger logger, int count);
}
