using Npgsql;
using NpgsqlTypes;
using Platform.Messaging.Postgres;

namespace Platform.Onboarding.Reports;

/// <summary>
/// Cell increments as parallel arrays: how the aggregate upsert takes them as parameters, and how
/// a pending increment stores them in one row. Durations are (row, bucket, clients) triples whose
/// row is the 1-based position of their cell.
/// </summary>
public sealed record CellColumns(
    string[] Funnels, string[] Dimensions, DateOnly[] CohortDates, string[] SliceKeys, string[] Steps, long[] Entered, long[] Completed,
    long[] DurationRows, short[] DurationBuckets, long[] DurationClients)
{
    public int Count => Funnels.Length;

    public static CellColumns Of(IReadOnlyList<KeyValuePair<CellKey, CellDelta>> cells)
    {
        var durations = cells.SelectMany((c, row) => c.Value.Durations.Select(d => (Row: row + 1L, Bucket: d.Key, Clients: d.Value))).ToList();
        return new CellColumns(
            [.. cells.Select(c => c.Key.Funnel)], [.. cells.Select(c => c.Key.Dimension)], [.. cells.Select(c => c.Key.CohortDate)],
            [.. cells.Select(c => c.Key.SliceKey)], [.. cells.Select(c => c.Key.Step)], [.. cells.Select(c => c.Value.Entered)],
            [.. cells.Select(c => c.Value.Completed)], [.. durations.Select(d => d.Row)], [.. durations.Select(d => d.Bucket)],
            [.. durations.Select(d => d.Clients)]);
    }

    /// <summary>The cells back, e.g. to sum the increments of several batches.</summary>
    public IEnumerable<KeyValuePair<CellKey, CellDelta>> ToCells()
    {
        if (new[] { Dimensions.Length, CohortDates.Length, SliceKeys.Length, Steps.Length, Entered.Length, Completed.Length }.Any(n => n != Count)
            || DurationBuckets.Length != DurationRows.Length || DurationClients.Length != DurationRows.Length)
        {
            throw new InvalidOperationException("A pending report increment has columns of different lengths.");
        }

        var durations = DurationRows.Select((row, i) => (Row: (int)row - 1, Bucket: DurationBuckets[i], Clients: DurationClients[i]))
            .ToLookup(d => d.Row);
        for (var i = 0; i < Count; i++)
        {
            yield return KeyValuePair.Create(
                new CellKey(Funnels[i], Dimensions[i], CohortDates[i], SliceKeys[i], Steps[i]),
                new CellDelta(Entered[i], Completed[i], durations[i].ToDictionary(d => d.Bucket, d => d.Clients)));
        }
    }

    /// <summary>Ten positional parameters ($1..$10), in the order of the constructor.</summary>
    public IEnumerable<NpgsqlParameter> ToParameters() =>
    [
        SqlArrays.Of(NpgsqlDbType.Text, Funnels), SqlArrays.Of(NpgsqlDbType.Text, Dimensions), SqlArrays.Of(NpgsqlDbType.Date, CohortDates),
        SqlArrays.Of(NpgsqlDbType.Text, SliceKeys), SqlArrays.Of(NpgsqlDbType.Text, Steps), SqlArrays.Of(NpgsqlDbType.Bigint, Entered),
        SqlArrays.Of(NpgsqlDbType.Bigint, Completed), SqlArrays.Of(NpgsqlDbType.Bigint, DurationRows), SqlArrays.Of(NpgsqlDbType.Smallint, DurationBuckets),
        SqlArrays.Of(NpgsqlDbType.Bigint, DurationClients),
    ];
}
