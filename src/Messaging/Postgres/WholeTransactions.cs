using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Platform.Messaging.Postgres;

/// <summary>Transactions that any failure rolls back whole: a consumer's batch, a worker's round.</summary>
public static class WholeTransactions
{
    /// <summary>
    /// Begins a transaction in which SaveChanges sets no savepoint first. EF Core's automatic savepoint lets a caller carry on
    /// after a failed SaveChanges; where every failure abandons the transaction it rescues nothing and costs two more round
    /// trips and a subtransaction. Only for the context's current use: the context pool turns savepoints back on when the
    /// context is returned.
    /// </summary>
    public static Task<IDbContextTransaction> BeginWholeTransactionAsync(this DatabaseFacade database, CancellationToken cancellationToken)
    {
        database.AutoSavepointsEnabled = false;
        return database.BeginTransactionAsync(cancellationToken);
    }
}
