using Microsoft.EntityFrameworkCore;
using Platform.Content.Catalog;

namespace Platform.Content.Experiments;

/// <summary>The catalogue's side of experiments: an item edit may not make the arms of a running experiment reach different clients.</summary>
public sealed class ExperimentArms(ContentDbContext db)
{
    /// <summary>
    /// Field errors (empty when none) for <paramref name="edited"/>, not yet saved, against the other arms of the running
    /// experiment it belongs to. Call in the edit's transaction: the item's lock holds the answer until commit.
    /// </summary>
    public async Task<Dictionary<string, string[]>> CheckEditAsync(CatalogItem edited, CancellationToken cancellationToken)
    {
        await db.Database.LockItemsAsync([edited.ItemId], cancellationToken);
        var running = await db.Experiments.AsNoTracking().Where(e => e.Status == ExperimentStatus.Running).ToListAsync(cancellationToken);
        if (running.FirstOrDefault(e => e.VariantOf(edited.ItemId) is not null) is not { } experiment)
        {
            return [];
        }

        var others = experiment.Variants.Select(v => v.ItemId).Where(id => id != edited.ItemId).ToArray();
        var items = await db.Items.AsNoTracking().Where(i => others.Contains(i.ItemId)).ToListAsync(cancellationToken);
        foreach (var other in items)
        {
            if (ArmEligibility.FirstDifference(edited, other) is { } field)
            {
                return new Dictionary<string, string[]>
                {
                    [field] = [ArmEligibility.Explain(field, edited.ItemId, other.ItemId)
                        + $". It is an arm of the running experiment '{experiment.Key}': stop it first, or change the words only"],
                };
            }
        }

        return [];
    }
}
