using Microsoft.EntityFrameworkCore;

namespace Platform.TestSupport.Postgres;

/// <summary>How many rows a client has in each of a service's tables: what an erasure must bring to zero.</summary>
public static class ClientRows
{
    /// <summary>The client's rows in each of <paramref name="tables"/> (each with a client_id column), in their order.</summary>
    public static async Task<int[]> CountAsync(DbContext db, IEnumerable<string> tables, string clientId)
    {
        var counts = new List<int>();
        foreach (var table in tables)
        {
            // The table names are the tests' constants; the client id is a parameter.
#pragma warning disable EF1002
            counts.Add(await db.Database.SqlQueryRaw<int>($"SELECT count(*)::int AS \"Value\" FROM {table} WHERE client_id = {{0}}", clientId).SingleAsync());
#pragma warning restore EF1002
        }

        return [.. counts];
    }
}
