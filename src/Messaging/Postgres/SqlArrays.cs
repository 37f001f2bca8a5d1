using Npgsql;
using NpgsqlTypes;

namespace Platform.Messaging.Postgres;

/// <summary>
/// Typed array parameters: one column of the rows a set-based statement takes (<c>unnest</c>,
/// <c>= ANY</c>). The services' hot paths write and read whole batches this way, one statement
/// per table instead of one per row.
/// </summary>
public static class SqlArrays
{
    /// <summary>An array of <paramref name="type"/> holding <paramref name="values"/> in order.</summary>
    public static NpgsqlParameter<T[]> Of<T>(NpgsqlDbType type, IEnumerable<T> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | type, TypedValue = values.ToArray() };

    /// <summary>Text values (client ids and the like), as text[].</summary>
    public static NpgsqlParameter<string[]> Text(IEnumerable<string> values) => Of(NpgsqlDbType.Text, values);
}
