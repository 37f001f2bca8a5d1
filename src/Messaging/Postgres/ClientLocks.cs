using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;

namespace Platform.Messaging.Postgres;

/// <summary>
/// The per-client lock: one transaction at a time per client id, held until the transaction
/// ends (a transaction-scoped advisory lock, so it also covers a client that has no row yet).
/// Locks exclude each other only while every writer computes the same key from the client id,
/// so every writer takes it through this type; the key is <c>hashtextextended(client_id, 0)</c>,
/// the expression the services used before it existed, so that replicas of the old and the new
/// code exclude each other during a rolling deployment. Do not change it in place.
/// </summary>
public static class ClientLocks
{
    private static readonly string LockOne = $"SELECT pg_advisory_xact_lock({KeyOf("{0}")})";
    private static readonly string TryLockOne = $"SELECT pg_try_advisory_xact_lock({KeyOf("{0}")}) AS \"Value\"";

    // Sorted, so that two transactions locking overlapping sets of clients cannot deadlock.
    private static readonly string LockMany = $"SELECT pg_advisory_xact_lock({KeyOf("c")}) FROM unnest($1) AS c ORDER BY c";

    // Never waits: returns the ids whose lock this transaction now holds.
    private static readonly string TryLockMany = $"SELECT c FROM unnest($1) AS c WHERE pg_try_advisory_xact_lock({KeyOf("c")})";

    /// <summary>
    /// The lock key of the client id in the SQL expression <paramref name="clientIdSql"/> (a parameter or a column),
    /// for a statement that locks as part of something larger.
    /// </summary>
    public static string KeyOf(string clientIdSql) => $"hashtextextended({clientIdSql}, 0)";

    /// <summary>Waits for the client's lock in the context's current transaction.</summary>
    public static Task LockClientAsync(this DatabaseFacade database, string clientId, CancellationToken cancellationToken) =>
        database.ExecuteSqlRawAsync(LockOne, [clientId], cancellationToken);

    /// <summary>Takes the client's lock if it is free, without waiting; true when this transaction now holds it.</summary>
    public static async Task<bool> TryLockClientAsync(this DatabaseFacade database, string clientId, CancellationToken cancellationToken) =>
        await database.SqlQueryRaw<bool>(TryLockOne, clientId).SingleAsync(cancellationToken);

    /// <summary>
    /// A statement for an <see cref="NpgsqlBatch"/> that waits for every client's lock, in a fixed
    /// order; put it first, so that the batch's reads see every earlier holder's commit.
    /// </summary>
    public static NpgsqlBatchCommand LockClients(IEnumerable<string> clientIds) =>
        new(LockMany) { Parameters = { SqlArrays.Of(NpgsqlDbType.Text, clientIds.Distinct(StringComparer.Ordinal)) } };

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
