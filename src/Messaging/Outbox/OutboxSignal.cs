using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Wakes the relay as soon as a transaction commits, so that events leave within milliseconds
/// instead of waiting for the next poll. Polling still covers rows written by other replicas.
/// Add it to the DbContext options with <c>AddInterceptors</c>.
/// </summary>
public sealed class OutboxSignal : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly SemaphoreSlim signal = new(0, 1);

    /// <summary>Signals the relay that new rows may be visible.</summary>
    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled by a concurrent commit: one wake-up serves both.
            }
        }
    }

    /// <summary>Waits for a signal or the timeout, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Notify();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Notify();

    /// <inheritdoc />
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Notify();
        }

        return ValueTask.FromResult(result);
    }
}
