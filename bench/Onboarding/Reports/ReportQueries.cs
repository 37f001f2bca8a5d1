using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.Onboarding;
using Platform.Onboarding.Funnel;
using Platform.Onboarding.Reports;

namespace Platform.Bench.Onboarding.Reports;

/// <summary>
/// Times GET /v1/reports/funnel?funnel=standard&amp;by=channel through the gateway (operator token),
/// one call after another, and the service's own reader (<see cref="FunnelReportReader"/>) in
/// this process, which leaves out the gateway, gRPC and the network.
/// </summary>
public static class ReportQueries
{
    public const string Route = "/v1/reports/funnel?funnel=standard&by=channel";

    public static async Task<QueryTimings> ThroughGatewayAsync(Uri gateway, string operatorToken, int queries, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        var timings = new List<double>(queries);
        ReportShape? shape = null;
        for (var i = 0; i < queries; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(Route, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {Route} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            }

            shape ??= ReportShape.Of(body);
        }

        return new QueryTimings(timings, shape!);
    }

    public static async Task<IReadOnlyList<double>> InProcessAsync(string connectionString, int queries, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<OnboardingDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new OnboardingDbContext(options);
        var definition = (await db.FunnelDefinitions.AsNoTracking().Where(d => d.Name == FunnelDefinition.StandardName)
            .OrderByDescending(d => d.Version).FirstAsync(cancellationToken)).ToDefinition();
        // FunnelReportReader takes the variant reader for by=variant; only the channel grouping is timed here.
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var definitions = new FunnelDefinitionStore(db, cache, Options.Create(new FunnelOptions()), TimeProvider.System);
        var reader = new FunnelReportReader(db, new VariantReportReader(db, definitions));
        var timings = new List<double>(queries);
        for (var i = 0; i < queries; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = await reader.ReadAsync(definition, ReportGrouping.Channel, new CohortRange(null, null), cancellationToken);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return timings;
    }

    /// <summary>What autovacuum would eventually do after the bulk upserts: visibility map and planner statistics.</summary>
    public static async Task VacuumAnalyzeAsync(string connectionString, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var names = string.Join(", ", tables.Select(t => $"\"{t}\""));
        await using var command = new NpgsqlCommand($"VACUUM (ANALYZE) {names}", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Latencies of sequential calls, in milliseconds, and the shape of the answer.</summary>
public sealed record QueryTimings(IReadOnlyList<double> Milliseconds, ReportShape Shape)
{
    public double P50 => Median(Milliseconds);

    public double Max => Milliseconds.Max();

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>Groups, rows (group x step) and clients registered, summed over the groups, of one report answer.</summary>
public sealed record ReportShape(int Groups, int Rows, long Registered, int Bytes)
{
    public static ReportShape Of(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        var rows = groups.Sum(g => g.GetProperty("steps").GetArrayLength());
        var registered = groups.Sum(g => g.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("step").GetString() == "registered").Sum(s => s.GetProperty("entered").GetInt64()));
        return new ReportShape(groups.Count, rows, registered, body.Length);
    }
}
