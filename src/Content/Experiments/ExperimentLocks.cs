using Microsoft.EntityFrameworkCore.Infrastructure;
using Platform.Messaging.Postgres;

namespace Platform.Content.Experiments;

/// <summary>The transaction-level advisory locks that make experiment definitions and item edits checks that hold until commit.</summary>
public static class ExperimentLocks
{
    /// <summary>
    /// Each item's lock, in id order (two definitions over the same items never wait on each other crosswise): a check
    /// "in no other running experiment" or "arms alike" then holds until commit, against another definition or item edit.
    /// </summary>
    public static async Task LockItemsAsync(this DatabaseFacade database, IEnumerable<string> itemIds, CancellationToken cancellationToken)
    {
        foreach (var itemId in itemIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await database.LockAsync(LockFamily.ContentExperimentItem, itemId, cancellationToken);
        }
    }

    /// <summary>The experiment's lock, exclusive: assignment draws in progress finish first, later ones see the new definition.</summary>
    public static Task LockExperimentAsync(this DatabaseFacade database, string key, CancellationToken cancellationToken) =>
        database.LockAsync(LockFamily.ContentExperiment, key, cancellationToken);
}
