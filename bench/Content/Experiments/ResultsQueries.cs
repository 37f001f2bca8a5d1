using System.Diagnostics;
using System.Text.Json;
using Platform.Bench.Content.Seeding;

namespace Platform.Bench.Content.Experiments;

/// <summary>The experiment the results are asked of (POST /v1/experiments), and GET /v1/experiments/{key}/results timed through the gateway.</summary>
public static class ResultsQueries
{
    public const string ExperimentKey = "cb-landing-copy";
    public static readonly string[] ItemIds = ["cb-exp-control", "cb-exp-treatment"];

    /// <summary>Two insight items and a running 50/50 experiment over them, as an operator creates them.</summary>
    public static async Task CreateExperimentAsync(Uri gateway, string operatorToken, CancellationToken cancellationToken)
    {
        using var http = OperatorApi.Client(gateway, operatorToken);
        foreach (var itemId in ItemIds)
        {
            await OperatorApi.PostAsync(http, "/v1/content/items", new { itemId, kind = "insight", title = $"Landing copy {itemId}", body = "Open an account in minutes." },
                cancellationToken);
        }

        await OperatorApi.PostAsync(http, "/v1/experiments", new
        {
            key = ExperimentKey, status = "running", conversionWindow = "P7D",
            variants = ExposureSeeder.Variants.Select((v, i) => new { name = v.Variant, weight = 50, itemId = ItemIds[i] }).ToArray(),
        }, cancellationToken);
    }

    public static async Task<ResultsTimings> TimeAsync(Uri gateway, string operatorToken, int queries, CancellationToken cancellationToken)
    {
        using var http = OperatorApi.Client(gateway, operatorToken);
        var route = $"/v1/experiments/{ExperimentKey}/results";
        var timings = new List<double>(queries);
        long exposures = 0;
        for (var i = 0; i < queries; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(route, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {route} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            }

            using var json = JsonDocument.Parse(body);
            exposures = json.RootElement.GetProperty("variants").EnumerateArray().Sum(v => v.GetProperty("exposures").GetInt64());
        }

        return new ResultsTimings(timings, exposures);
    }
}

/// <summary>Sequential results queries, in milliseconds, and the exposures the last answer counted.</summary>
public sealed record ResultsTimings(IReadOnlyList<double> Milliseconds, long Exposures)
{
    public double P50 => Percentile(0.5);

    public double Max => Milliseconds.Max();

    private double Percentile(double quantile)
    {
        var sorted = Milliseconds.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
