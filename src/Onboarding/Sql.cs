using Npgsql;

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
}
