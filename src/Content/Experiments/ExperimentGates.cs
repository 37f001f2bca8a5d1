using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Content.Selection;
using Platform.Messaging.Postgres;
using Platform.ServiceDefaults.Time;

namespace Platform.Content.Experiments;

/// <summary>
/// A client's gate over the experiments of the catalogue snapshot. A running experiment serves each arm only to the
/// clients assigned its variant (drawn on first need, then kept); a stopped one that ran serves its control alone, as a
/// plain item, and hides its other arms (a draft, never run, is in neither of the snapshot's lists: it gates nothing).
/// Assignments are drawn only for experiments with an arm the selection could serve the client, in one statement, and
/// only under the experiment's definition that the database still holds. A preview (an operator looking at a client's
/// feed) draws in memory and stores nothing: an assignment fixes the definition, and no client was shown anything.
/// </summary>
public sealed class ExperimentGates(ContentDbContext db, IOptions<ChannelLimits> limits, TimeProvider time) : IExperimentGates
{
    private static readonly ExperimentArm NotProbed = new("", "");

    // The family is a constant of the code; the keys are the statement's only parameter.
    private static readonly string LockSharedSql =
        $"SELECT pg_advisory_xact_lock_shared({AdvisoryLocks.KeyOf(LockFamily.ContentExperiment, "k")}) FROM unnest({{0}}::text[]) AS k";

    public async ValueTask<IExperimentGate> ForClientAsync(CatalogSnapshot snapshot, ClientView client, SelectionRequest request, DateTimeOffset now,
        bool assign, CancellationToken cancellationToken)
    {
        var items = new Dictionary<string, (bool, ExperimentArm)>(StringComparer.Ordinal);
        // Oldest change first: of two stopped experiments over one item, the later one decides.
        foreach (var experiment in snapshot.StoppedExperiments)
        {
            foreach (var arm in experiment.Variants)
            {
                if (arm == experiment.ServedWhileStopped)
                {
                    items.Remove(arm.ItemId);
                }
                else
                {
                    items[arm.ItemId] = (false, new ExperimentArm(experiment.Key, arm.Name));
                }
            }
        }

        var running = snapshot.RunningExperiments;
        if (running.Count > 0)
        {
            var keys = running.Select(e => e.Key).ToArray();
            var assigned = await AssignedAsync(client.ClientId, keys, cancellationToken);
            var reached = Reached(snapshot, client, request, now, [.. running.Where(e => !assigned.ContainsKey(e.Key))]);
            if (!assign)
            {
                // The variant the client would be drawn on its own read now (the same hash and weights), kept nowhere.
                foreach (var experiment in reached)
                {
                    assigned[experiment.Key] = Draw(experiment, client.ClientId);
                }
            }
            else if (reached.Count > 0)
            {
                await DrawAsync(client.ClientId, reached, cancellationToken);
                assigned = await AssignedAsync(client.ClientId, keys, cancellationToken);
            }

            // Running experiments decide last: an item serves one running experiment, whatever stopped ones hold it.
            foreach (var experiment in running)
            {
                var variant = assigned.GetValueOrDefault(experiment.Key);
                foreach (var arm in experiment.Variants)
                {
                    items[arm.ItemId] = (arm.Name == variant, new ExperimentArm(experiment.Key, arm.Name));
                }
            }
        }

        return new Gate(items);
    }

    /// <summary>The experiments, of <paramref name="undrawn"/>, with an arm this selection would serve the client if it were assigned its variant.</summary>
    private List<Experiment> Reached(CatalogSnapshot snapshot, ClientView client, SelectionRequest request, DateTimeOffset now, List<Experiment> undrawn)
    {
        if (undrawn.Count == 0)
        {
            return [];
        }

        // The selection itself decides, with a gate that lets through only these arms: no second copy of its rules here.
        var arms = undrawn.SelectMany(e => e.Variants.Select(v => (v.ItemId, Arm: new ExperimentArm(e.Key, v.Name))))
            .ToDictionary(a => a.ItemId, a => a.Arm, StringComparer.Ordinal);
        var keys = ContentSelector.Select(snapshot, client, request, now, new Gate(arms.ToDictionary(a => a.Key, a => (true, a.Value)), (false, NotProbed)), limits.Value, int.MaxValue)
            .Select(s => s.Experiment!.Key).ToHashSet(StringComparer.Ordinal);
        return [.. undrawn.Where(e => keys.Contains(e.Key))];
    }

    /// <summary>
    /// Stores the client's draw of each experiment in one statement. Another replica may draw at the same moment (the
    /// first stored wins); a replica whose snapshot still holds an older definition (other weights) stores nothing, and a
    /// change of the definition waits for draws in progress (shared lock) so that it sees every assignment made under it.
    /// An erased client is drawn nothing: under the client's lock, which the erasure takes, its tombstone is seen or the
    /// erasure's deletes come after.
    /// </summary>
    private async Task DrawAsync(string clientId, List<Experiment> experiments, CancellationToken cancellationToken)
    {
        var keys = experiments.Select(e => e.Key).ToArray();
        var variants = experiments.Select(e => Draw(e, clientId)).ToArray();
        var versions = experiments.Select(e => e.Version).ToArray();
        var now = StoredTime.Now(time);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.LockClientAsync(clientId, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(LockSharedSql, [keys], cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO experiment_assignments (client_id, experiment_key, variant, assigned_at)
            SELECT {clientId}, d.key, d.variant, {now}
            FROM unnest({keys}::text[], {variants}::text[], {versions}::integer[]) AS d(key, variant, version)
            JOIN experiments x ON x.key = d.key AND x.version = d.version
            WHERE NOT EXISTS (SELECT 1 FROM erased_clients WHERE client_id = {clientId})
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static string Draw(Experiment experiment, string clientId) =>
        VariantDraw.Choose([.. experiment.Variants.Select(v => new VariantWeight(v.Name, v.Weight))], experiment.Key, clientId);

    private async Task<Dictionary<string, string>> AssignedAsync(string clientId, string[] keys, CancellationToken cancellationToken) =>
        await db.Set<ExperimentAssignment>().AsNoTracking().Where(a => a.ClientId == clientId && keys.Contains(a.ExperimentKey))
            .ToDictionaryAsync(a => a.ExperimentKey, a => a.Variant, cancellationToken);

    /// <summary>Each recorded item is served or not as recorded; any other item as <paramref name="otherwise"/> says (null: a plain item, served).</summary>
    private sealed class Gate(Dictionary<string, (bool, ExperimentArm)> items, (bool, ExperimentArm)? otherwise = null) : IExperimentGate
    {
        public (bool Serve, ExperimentArm Arm)? Check(string itemId) => items.TryGetValue(itemId, out var gate) ? gate : otherwise;
    }
}
