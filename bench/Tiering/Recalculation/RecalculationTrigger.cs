using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using Platform.Bench.Tiering.Seeding;

namespace Platform.Bench.Tiering.Recalculation;

/// <summary>
/// Sets off the recalculation of every seeded client. Day: the clients' last calculation becomes
/// yesterday's, which is what the turn of the business day does to every client at once (the sweep
/// cannot be fooled about the date: it reads the system clock). Table: an operator stores a new
/// tier table version through the gateway (<see cref="ClientStates.LoweredTable"/>).
/// </summary>
public static class RecalculationTrigger
{
    /// <summary>Returns how long the trigger itself took; the sweep starts when it returns (commit, or the PUT's answer).</summary>
    public static async Task<TimeSpan> FireAsync(Trigger trigger, string tieringDb, string clientPrefix, SeedCalendar calendar, Uri gateway,
        string operatorToken, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (trigger == Trigger.Day)
        {
            await NewDayAsync(tieringDb, clientPrefix, calendar.Yesterday, cancellationToken);
        }
        else
        {
            await NewTableAsync(gateway, operatorToken, cancellationToken);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task NewDayAsync(string tieringDb, string clientPrefix, DateOnly yesterday, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(tieringDb);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE client_tiers SET calculated_on = $1 WHERE client_id >= $2 AND client_id < $3", connection)
        {
            CommandTimeout = 0,
            Parameters = { new() { Value = yesterday }, new() { Value = clientPrefix }, new() { Value = After(clientPrefix) } },
        };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first id after every id that starts with <paramref name="prefix"/> (the prefix with its last character's successor).</summary>
    public static string After(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    private static async Task NewTableAsync(Uri gateway, string operatorToken, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        var table = ClientStates.LoweredTable;
        using var response = await http.PutAsJsonAsync("/v1/config/tiers", new
        {
            thresholds = table.Minimums.Select((minimum, i) => ($"V{i + 1}", minimum)).ToDictionary(t => t.Item1, t => t.minimum),
            windowDays = table.WindowDays,
            hysteresis = table.DowngradeBelow,
            nearNextTier = table.NearNextTier,
        }, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode || !answer.Contains($"\"version\":{table.Version}", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"PUT /v1/config/tiers answered {(int)response.StatusCode}: {answer}");
        }
    }
}
