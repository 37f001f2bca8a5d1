using Platform.Content.Selection;
using Platform.ServiceDefaults.Time;

namespace Platform.Content.Experiments;

/// <summary>Records, in one transaction with their events, the first exposures of the experiment items a client is being served.</summary>
public sealed class ExposureRecorder(ContentDbContext db, ExperimentCounters counters, TimeProvider time)
{
    public async Task RecordAsync(CatalogSnapshot snapshot, string clientId, IEnumerable<(string ItemId, string ExperimentKey, string Variant)> served,
        CancellationToken cancellationToken)
    {
        var arms = served
            .Select(s => (Experiment: snapshot.RunningExperiments.FirstOrDefault(e => e.Key == s.ExperimentKey), s.Variant, s.ItemId))
            .Where(a => a.Experiment is not null)
            .Select(a => (a.Experiment!, a.Variant, a.ItemId))
            .ToList();
        if (arms.Count == 0)
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await counters.ExposedAsync(clientId, arms, StoredTime.Now(time), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
