using System.Diagnostics;
using Npgsql;

namespace Platform.Bench.Content.Experiments;

/// <summary>
/// N recorded exposures of one experiment, written by SQL into Content's own tables as ExperimentCounters
/// (src/Content/Experiments) would have left them after serving N clients: an assignment and a first exposure per
/// client, a conversion for the converted ones, and the running totals per variant and slot that the results query
/// reads. Recording them through the feed would take hours; the results never read the exposures themselves.
/// <para>
/// THE ONE PLACE THAT KNOWS CONTENT'S EXPERIMENT SCHEMA: when src/Content/Experiments changes its tables or how the
/// totals are kept (<c>ExperimentCounters.Slots</c>, <c>SlotOf</c>: the first two bytes of SHA-256 of the client id, big
/// endian, modulo the slots), change this class. The run checks that the results count exactly the seeded exposures.
/// </para>
/// </summary>
public static class ExposureSeeder
{
    /// <summary>Conversion rates per variant, in per mille: the treatment converts a little better, as an experiment worth running.</summary>
    public static readonly (string Variant, int PerMille)[] Variants = [("control", 100), ("treatment", 110)];

    public static async Task<ExposureSeed> SeedAsync(string contentDb, string experimentKey, IReadOnlyList<string> itemIds, int exposures,
        CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(contentDb);
        await connection.OpenAsync(cancellationToken);
        var started = Stopwatch.StartNew();
        // Client g gets variant g % 2 (the weights are equal), is exposed within the last 14 days, and converts within an hour
        // when its hash falls under its variant's rate.
        await ExecuteAsync(connection, """
            CREATE TEMP TABLE seeded ON COMMIT DROP AS
            SELECT 'xp' || lpad(g::text, 10, '0') AS client_id,
                   (g % 2)::int AS arm,
                   now() - interval '14 days' + (g % 1209600) * interval '1 second' AS exposed_at,
                   abs(hashint4(g)) % 1000 AS draw
            FROM generate_series(1, @n) g;
            INSERT INTO experiment_assignments (experiment_key, client_id, variant, assigned_at)
            SELECT @key, client_id, (@variants)[arm + 1], exposed_at FROM seeded;
            INSERT INTO experiment_exposures (experiment_key, client_id, variant, item_id, first_exposed_at, converted_at)
            SELECT @key, client_id, (@variants)[arm + 1], (@items)[arm + 1], exposed_at,
                   CASE WHEN draw < (@rates)[arm + 1] THEN exposed_at + interval '1 hour' END
            FROM seeded;
            INSERT INTO experiment_conversions (event_id, client_id, experiment_key, occurred_at, reported_at, received_at)
            SELECT gen_random_uuid(), client_id, @key, exposed_at + interval '1 hour', exposed_at + interval '1 hour', exposed_at + interval '1 hour'
            FROM seeded WHERE draw < (@rates)[arm + 1];
            INSERT INTO experiment_counts AS c (experiment_key, variant, slot, exposures, conversions)
            SELECT @key, variant, ((get_byte(h, 0) * 256 + get_byte(h, 1)) % @slots)::smallint, count(*), count(converted_at)
            FROM (SELECT variant, converted_at, sha256(convert_to(client_id, 'UTF8')) AS h FROM experiment_exposures WHERE experiment_key = @key) e
            GROUP BY 1, 2, 3
            ON CONFLICT (experiment_key, variant, slot) DO UPDATE
            SET exposures = c.exposures + excluded.exposures, conversions = c.conversions + excluded.conversions;
            """, cancellationToken, transaction: true, ("n", exposures), ("key", experimentKey), ("variants", Variants.Select(v => v.Variant).ToArray()),
            ("items", itemIds.ToArray()), ("rates", Variants.Select(v => v.PerMille).ToArray()), ("slots", Platform.Content.Experiments.ExperimentCounters.Slots));
        var written = started.Elapsed;
        // What autovacuum would have done long before anyone asked for results: visibility map and planner statistics.
        await ExecuteAsync(connection, "VACUUM (ANALYZE) experiment_assignments, experiment_exposures, experiment_conversions, experiment_counts",
            cancellationToken, transaction: false);
        var totals = await TotalsAsync(connection, experimentKey, cancellationToken);
        return new ExposureSeed(exposures, totals, written, started.Elapsed - written, await SizeAsync(connection, cancellationToken));
    }

    private static async Task<IReadOnlyDictionary<string, (long Exposures, long Conversions)>> TotalsAsync(NpgsqlConnection connection, string key,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT variant, sum(exposures)::bigint, sum(conversions)::bigint FROM experiment_counts WHERE experiment_key = @key GROUP BY variant", connection);
        command.Parameters.AddWithValue("key", key);
        var totals = new SortedDictionary<string, (long, long)>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return totals;
    }

    private static async Task<long> SizeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT sum(pg_total_relation_size(t))::bigint FROM unnest(ARRAY['experiment_assignments', 'experiment_exposures', 'experiment_conversions', 'experiment_counts']) t",
            connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, bool transaction,
        params (string Name, object Value)[] parameters)
    {
        await using var tx = transaction ? await connection.BeginTransactionAsync(cancellationToken) : null;
        await using var command = new NpgsqlCommand(sql, connection, tx) { CommandTimeout = 3600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
        if (tx is not null)
        {
            await tx.CommitAsync(cancellationToken);
        }
    }
}

/// <summary>The seeded exposures, the totals the counters hold per variant, and the time it took (not a figure of the benchmark).</summary>
public sealed record ExposureSeed(int Exposures, IReadOnlyDictionary<string, (long Exposures, long Conversions)> Totals, TimeSpan WriteTook,
    TimeSpan VacuumTook, long TableBytes);
