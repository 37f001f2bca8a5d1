using Npgsql;
using NpgsqlTypes;

namespace Platform.Onboarding;

/// <summary>Building blocks of the set-based statements the step path sends in one batch.</summary>
internal static class Sql
{
    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>A typed array parameter: one column of the rows a statement takes through unnest.</summary>
    public static NpgsqlParameter<T[]> Array<T>(NpgsqlDbType type, IEnumerable<T> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | type, TypedValue = values.ToArray() };
}
