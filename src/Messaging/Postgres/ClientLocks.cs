using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Messaging.Postgres;

/// <summary>
/// The per-client lock: one transaction at a time per client id, held until the transaction
/// ends (a transaction-scoped advisory lock, so it also covers a client that has no row yet),
/// in the <see cref="LockFamily.Client"/> family of <see cref="AdvisoryLocks"/>. Locks exclude
/// each other only while every writer computes the same key from the client id, so every writer
/// takes it through this type.
/// </summary>
public static class ClientLocks
{
    // Sorted by the lock key (then the id), so that two transactions locking overlapping sets of clients cannot deadlock,
    // even when two ids share a key. This relies on PostgreSQL taking the locks in that order: since 9.6 a volatile
    // function in the select list (pg_advisory_xact_lock is one) is evaluated after the ORDER BY sort, row by row in
    // sorted order; before 9.6 it could run before the sort, in unnest's order, and two batches could deadlock.
    private static readonly string LockMany = LockEach("$1");

    // The same through EF Core, whose raw SQL numbers its parameters {0}, ... (the array typed here: EF sends it untyped).
    private static readonly string LockManyFromEf = LockEach("{0}::text[]");

    // Never waits: returns the ids whose lock this transaction now holds.
    private static readonly string TryLockMany = $"SELECT c FROM unnest($1) AS c WHERE pg_try_advisory_xact_lock({KeyOf("c")})";

    /// <summary>Every client's lock, in the order above, for the id array in the SQL expression <paramref name="ids"/>.</summary>
    private static string LockEach(string ids) => $"SELECT pg_advisory_xact_lock({KeyOf("c")}) FROM unnest({ids}) AS c ORDER BY hashtext(c), c";

    /// <summary>
    /// The lock's keys for the client id in the SQL expression <paramref name="clientIdSql"/> (a parameter or a column),
    /// as the arguments of <c>pg_(try_)advisory_xact_lock</c>, for a statement that locks as part of something larger.
    /// </summary>
    public static string KeyOf(string clientIdSql) => AdvisoryLocks.KeyOf(LockFamily.Client, clientIdSql);

    /// <summary>Waits for the client's lock in the context's current transaction.</summary>
    public static Task LockClientAsync(this DatabaseFacade database, string clientId, CancellationToken cancellationToken) =>
        database.LockAsync(LockFamily.Client, clientId, cancellationToken);

    /// <summary>Waits for every client's lock in the context's current transaction, in the fixed order of <see cref="LockClients"/>.</summary>
    public static Task LockClientsAsync(this DatabaseFacade database, IEnumerable<string> clientIds, CancellationToken cancellationToken) =>
        database.ExecuteSqlRawAsync(LockManyFromEf, [clientIds.Distinct(StringComparer.Ordinal).ToArray()], cancellationToken);

    /// <summary>Takes the client's lock if it is free, without waiting; true when this transaction now holds it.</summary>
    public static Task<bool> TryLockClientAsync(this DatabaseFacade database, string clientId, CancellationToken cancellationToken) =>
        database.TryLockAsync(LockFamily.Client, clientId, cancellationToken);

    /// <summary>
    /// A statement for an <see cref="NpgsqlBatch"/> that waits for every client's lock, in a fixed
    /// order; put it first, so that the batch's reads see every earlier holder's commit.
    /// </summary>
    public static NpgsqlBatchCommand LockClients(IEnumerable<string> clientIds) =>
        new(LockMany) { Parameters = { SqlArrays.Of(NpgsqlDbType.Text, clientIds.Distinct(StringComparer.Ordinal)) } };

    /// <summary>
    /// Takes the free locks among the clients' in the context's current transaction, without waiting; returns the client ids
    /// it now holds (a sweep claims rows, then keeps the clients no consumer is applying events to).
    /// </summary>
    public static async Task<IReadOnlySet<string>> TryLockClientsAsync(this DatabaseFacade database, IEnumerable<string> clientIds,
        CancellationToken cancellationToken) =>
        (await TryLockClientsAsync((NpgsqlConnection)database.GetDbConnection(), (NpgsqlTransaction?)database.CurrentTransaction?.GetDbTransaction(),
            clientIds, cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Takes the free locks among the clients', without waiting; returns the client ids this transaction now holds.</summary>
    public static async Task<IReadOnlyList<string>> TryLockClientsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IEnumerable<string> clientIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(TryLockMany, connection, transaction)
        {
            Parameters = { SqlArrays.Of(NpgsqlDbType.Text, clientIds.Distinct(StringComparer.Ordinal)) },
        };
        var locked = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            locked.Add(reader.GetString(0));
        }

        return locked;
    }
}
