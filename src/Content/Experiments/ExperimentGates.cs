using Microsoft.EntityFrameworkCore;
using Platform.Content.Selection;
using Platform.ServiceDefaults.Time;

namespace Platform.Content.Experiments;

/// <summary>
/// A client's gate over the running experiments of the catalogue snapshot: its stored variant of
/// each (drawn on first need with the weights of that moment, then kept), so an item of a running
/// experiment goes only to the clients of its variant, and a weight change never moves a client.
/// </summary>
public sealed class ExperimentGates(ContentDbContext db, CatalogCache catalog, TimeProvider time) : IExperimentGates
{
    public async ValueTask<IExperimentGate> ForClientAsync(string clientId, CancellationToken cancellationToken)
    {
        var running = (await catalog.GetAsync(cancellationToken)).RunningExperiments;
        if (running.Count == 0)
        {
            return new Gate([]);
        }

        var keys = running.Select(e => e.Key).ToArray();
        var assigned = await AssignedAsync(clientId, keys, cancellationToken);
        var missing = running.Where(e => !assigned.ContainsKey(e.Key) && e.Variants.Any(v => v.Weight > 0)).ToList();
        if (missing.Count > 0)
        {
            var now = StoredTime.Now(time);
            foreach (var experiment in missing)
            {
                var variant = Experiments.VariantDraw.Choose([.. experiment.Variants.Select(v => new VariantWeight(v.Name, v.Weight))], experiment.Key, clientId);
                // Another replica may draw at the same moment, with other weights if they just changed: the first stored wins.
                await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO experiment_assignments (client_id, experiment_key, variant, assigned_at) VALUES ({clientId}, {experiment.Key}, {variant}, {now})
                    ON CONFLICT DO NOTHING
                    """, cancellationToken);
            }

            assigned = await AssignedAsync(clientId, keys, cancellationToken);
        }

        var items = new Dictionary<string, (bool, ExperimentArm)>(StringComparer.Ordinal);
        foreach (var experiment in running)
        {
            var variant = assigned.GetValueOrDefault(experiment.Key);
            foreach (var arm in experiment.Variants)
            {
                items[arm.ItemId] = (arm.Name == variant, new ExperimentArm(experiment.Key, arm.Name));
            }
        }

        return new Gate(items);
    }

    private async Task<Dictionary<string, string>> AssignedAsync(string clientId, string[] keys, CancellationToken cancellationToken) =>
        await db.Set<ExperimentAssignment>().AsNoTracking().Where(a => a.ClientId == clientId && keys.Contains(a.ExperimentKey))
            .ToDictionaryAsync(a => a.ExperimentKey, a => a.Variant, cancellationToken);

    private sealed class Gate(Dictionary<string, (bool, ExperimentArm)> items) : IExperimentGate
    {
        public (bool Serve, ExperimentArm Arm)? Check(string itemId) => items.TryGetValue(itemId, out var gate) ? gate : null;
    }
}
