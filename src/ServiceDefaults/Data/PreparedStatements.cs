using System.Data.Common;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

/// <summary>
/// Has Npgsql prepare the statements a service sends again and again (its consumers' and workers' few statement texts, run
/// on every batch), unless the connection string says otherwise. An unprepared statement is parsed, analysed and planned
/// on every call: in the Engagement benchmark that was about a tenth of PostgreSQL's CPU (perf: parsing, analysis and
/// planning beside the execution of the same few statements). Prepared once per physical connection, the statement is
/// planned again only while PostgreSQL's plan cache judges a custom plan better than the generic one.
/// </summary>
public static class PreparedStatements
{
    /// <summary>Statement texts kept prepared per connection (Npgsql's least recently used ones make room).</summary>
    public const int MaxPrepared = 64;

    /// <summary>How often a statement text is sent before it is prepared: the one-off ones (migrations, a report) never are.</summary>
    public const int UsagesBeforePreparing = 3;

    /// <summary>Turns on automatic preparation when the connection string does not name it; a value set there (0 turns it off) wins.</summary>
    public static void PrepareRepeatedStatements(NpgsqlConnectionStringBuilder connection, string connectionString)
    {
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(key => string.Equals(key.Replace(" ", "", StringComparison.Ordinal), nameof(connection.MaxAutoPrepare), StringComparison.OrdinalIgnoreCase));
        if (!named)
        {
            connection.MaxAutoPrepare = MaxPrepared;
            connection.AutoPrepareMinUsages = UsagesBeforePreparing;
        }
    }
}
