using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Platform.Messaging.Postgres;

/// <summary>
/// Transaction-scoped advisory locks in PostgreSQL's two-key form: the <see cref="LockFamily"/> as the first key, the
/// 32-bit <c>hashtext</c> of the family's own key (a client id, a funnel name) as the second. Locks exclude each other
/// only while every holder computes the same pair, so every advisory lock is taken through this type. Two keys of one
/// family that share a hash (about one pair in four billion) only serialise each other.
/// </summary>
public static class AdvisoryLocks
{
    /// <summary>The lock's two keys, as the arguments of <c>pg_(try_)advisory_xact_lock</c>, for the key in the SQL expression <paramref name="keySql"/>.</summary>
    public static string KeyOf(LockFamily family, string keySql) => $"{(int)family}, hashtext({keySql})";

    /// <summary>
    /// A statement taking the one lock of a family that has a single holder per database (the outbox relay, the report
    /// projector) if it is free, without waiting; it returns true when this transaction now holds it.
    /// </summary>
    public static string TryLockSingle(LockFamily family) => $"SELECT pg_try_advisory_xact_lock({(int)family}, 0)";

    /// <summary>Waits for the lock of <paramref name="key"/> in the context's current transaction.</summary>
    public static Task LockAsync(this DatabaseFacade database, LockFamily family, string key, CancellationToken cancellationToken) =>
        database.ExecuteSqlRawAsync(Statement("pg_advisory_xact_lock", family), [key], cancellationToken);

    /// <summary>Takes the lock of <paramref name="key"/> if it is free, without waiting; true when this transaction now holds it.</summary>
    public static async Task<bool> TryLockAsync(this DatabaseFacade database, LockFamily family, string key, CancellationToken cancellationToken) =>
        await database.SqlQueryRaw<bool>(Statement("pg_try_advisory_xact_lock", family), key).SingleAsync(cancellationToken);

    // The key is the statement's only parameter ({0}); the family is a constant of the code, never input.
    private static string Statement(string function, LockFamily family) => $"SELECT {function}({KeyOf(family, "{0}")}) AS \"Value\"";
}
