using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Consuming;
using Platform.Messaging.Postgres;

namespace Platform.Messaging.Privacy;

/// <summary>
/// The erased clients of a service's database (table <see cref="Table"/>), shared by every service that consumes
/// ClientErased: each writer of a client's data takes the client's lock (<see cref="ClientLocks"/>) and then skips the
/// clients found here, and the erasure writes its tombstone under the same lock, so a writer either ran before the
/// erasure (whose deletes then remove what it wrote) or sees the tombstone.
/// </summary>
public static class ErasureTombstones
{
    /// <summary>The tombstones' table.</summary>
    public const string Table = "erased_clients";

    private const string Insert = $"INSERT INTO {Table} (client_id, erased_at) VALUES ({{0}}, {{1}}) ON CONFLICT (client_id) DO NOTHING";

    private const string SelectAmong = $"SELECT client_id FROM {Table} WHERE client_id = ANY($1)";

    /// <summary>Maps <see cref="ErasedClient"/>, so the service's migrations create the table.</summary>
    public static ModelBuilder AddErasureTombstones(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ErasedClient>(erased =>
        {
            erased.ToTable(Table);
            erased.HasKey(e => e.ClientId);
            erased.Property(e => e.ClientId).HasColumnName("client_id").HasMaxLength(64); // ClientIds.MaxLength (ServiceDefaults)
            erased.Property(e => e.ErasedAt).HasColumnName("erased_at");
        });
        return modelBuilder;
    }

    /// <summary>
    /// A service's erasure of a client, in the current transaction: waits for the client's lock, writes its tombstone, then
    /// runs <paramref name="deleteSql"/> (the service's deletes, the client id as its one parameter <c>{0}</c>, several
    /// statements in one round trip). Replays are harmless: the tombstone stays the first one, and the deletes find nothing.
    /// </summary>
    public static async Task EraseAsync(DatabaseFacade database, string clientId, DateTimeOffset erasedAt, string deleteSql,
        CancellationToken cancellationToken)
    {
        await database.LockClientAsync(clientId, cancellationToken);
        await WriteAsync(database, clientId, erasedAt, cancellationToken);
        await database.ExecuteSqlRawAsync(deleteSql, [clientId], cancellationToken);
    }

    /// <summary>
    /// Forgets the client's cached copies (<paramref name="forget"/>: each service's Redis markers, which no fill replaces)
    /// before the erasure commits and again after it: forgotten only after the commit, a read between the two was served the
    /// erased client's copy (seen in CI); the second time covers a Redis that did not answer the first. A forget that fails
    /// must not fail the erasure: the copies' time to live bounds them, as for any refresh Redis missed.
    /// </summary>
    public static async Task ForgetCopiesAsync(AfterCommit afterCommit, Func<Task> forget)
    {
        ArgumentNullException.ThrowIfNull(afterCommit);
        ArgumentNullException.ThrowIfNull(forget);
        await forget();
        afterCommit.Add(_ => forget());
    }

    /// <summary>Writes the client's tombstone in the current transaction; true the first time, false when it was there.</summary>
    public static async Task<bool> WriteAsync(DatabaseFacade database, string clientId, DateTimeOffset erasedAt, CancellationToken cancellationToken) =>
        await database.ExecuteSqlRawAsync(Insert, [clientId, erasedAt.ToUniversalTime()], cancellationToken) > 0;

    /// <summary>A statement for an <see cref="NpgsqlBatch"/> that returns the erased ones among the clients (one column, the id).</summary>
    public static NpgsqlBatchCommand FindAmong(IEnumerable<string> clientIds) =>
        new(SelectAmong) { Parameters = { SqlArrays.Of(NpgsqlDbType.Text, clientIds.Distinct(StringComparer.Ordinal)) } };

    /// <summary>
    /// Waits for the clients' locks (in one order, <see cref="ClientLocks.LockClients"/>) and returns the erased ones among
    /// them, in one round trip: the statement after the locks sees every erasure committed before them.
    /// </summary>
    public static async Task<HashSet<string>> LockClientsAndFindErasedAsync(DatabaseFacade database, IReadOnlyCollection<string> clientIds,
        CancellationToken cancellationToken)
    {
        var erased = new HashSet<string>(StringComparer.Ordinal);
        if (clientIds.Count == 0)
        {
            return erased;
        }

        // A caller outside a transaction (a one-off write) gets the connection EF would open for a statement of its own.
        var opened = database.GetDbConnection().State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)database.GetDbConnection())
            {
                BatchCommands = { ClientLocks.LockClients(clientIds), FindAmong(clientIds) },
            };
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.NextResultAsync(cancellationToken); // the locks' rows say nothing
            while (await reader.ReadAsync(cancellationToken))
            {
                erased.Add(reader.GetString(0));
            }

            return erased;
        }
        finally
        {
            if (opened)
            {
                await database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>Whether the client is erased (no lock: for reads that answer "unknown" for such a client).</summary>
    public static async Task<bool> IsErasedAsync(DatabaseFacade database, string clientId, CancellationToken cancellationToken) =>
        await database.SqlQueryRaw<bool>($"SELECT EXISTS (SELECT 1 FROM {Table} WHERE client_id = {{0}}) AS \"Value\"", clientId)
            .SingleAsync(cancellationToken);
}
