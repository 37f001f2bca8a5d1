using System.Globalization;
using System.Net.Http.Headers;
using Platform.Gateway.Tests.Infrastructure;
using Platform.Gateway.Tests.Routes;

namespace Platform.Gateway.Tests.Fuzz;

/// <summary>
/// Sends generated requests to routes and collects what breaks the rules of a fuzz pass: an answer 5xx,
/// or an answer 4xx while the state (as <paramref name="readState"/> reads it, after each request) changed.
/// Nothing else changes that state while the pass runs, so each change belongs to the request just answered.
/// </summary>
public sealed class FuzzPass(GatewayFactory gateway, RequestGenerator generator, Func<Task<string>> readState)
{
    private const int MaxReportedFailures = 10;

    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);

    public List<string> Failures { get; } = [];

    public int Sent { get; private set; }

    /// <summary>How many answers of each status code: what the pass reached (printed with the test's output).</summary>
    public SortedDictionary<int, int> Statuses { get; } = [];

    /// <summary>The run's seed, GATEWAY_FUZZ_SEED when set (to replay a run), printed with the test's output.</summary>
    public static int Seed()
    {
        var seed = Environment.GetEnvironmentVariable("GATEWAY_FUZZ_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"GATEWAY_FUZZ_SEED={seed}");
        return seed;
    }

    /// <summary>What a failing pass reports: the seed, then each failing request.</summary>
    public string Report(int seed) => $"GATEWAY_FUZZ_SEED={seed}: {Failures.Count} failing request(s) of {Sent}:\n{string.Join('\n', Failures)}";

    /// <summary><paramref name="requestsPerRoute"/> requests to each route; <paramref name="answered"/> sees each answer that broke no rule.</summary>
    public async Task RunAsync(IEnumerable<OpenApiRoute> routes, int requestsPerRoute, Action<OpenApiRoute, int, string>? answered = null)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var role in RouteRoles.AllRoles.Where(role => !tokens.ContainsKey(role)))
        {
            tokens[role] = await gateway.TokenAsync(role, role == RouteRoles.Client ? ValidBodies.ClientId : $"{role}-fuzz");
        }

        using var http = gateway.CreateClient();
        var state = await readState();
        foreach (var route in routes)
        {
            for (var i = 0; i < requestsPerRoute && Failures.Count < MaxReportedFailures; i++, Sent++)
            {
                var request = generator.Next(route);
                using var message = request.ToMessage();
                if (request.Role is { } role)
                {
                    message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
                }

                using var response = await http.SendAsync(message, ct);
                var status = (int)response.StatusCode;
                Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
                var text = await response.Content.ReadAsStringAsync(ct);
                var before = state;
                state = await readState();
                if (status >= 500)
                {
                    Failures.Add($"#{Sent} answered {status}: {request}\n    -> {Truncate(text)}");
                }
                else if (status >= 400 && state != before)
                {
                    Failures.Add($"#{Sent} answered {status} but changed state: {request}\n    -> {Truncate(text)}\n    before: {before}\n    after: {state}");
                }
                else
                {
                    answered?.Invoke(route, status, text);
                }
            }
        }
    }

    /// <summary>Prints how many requests were sent, in how long, and the answers by status code.</summary>
    public void Print(TimeSpan elapsed) => TestContext.Current.TestOutputHelper?.WriteLine(
        $"{Sent} requests in {elapsed.TotalSeconds:0.0} s; answers: {string.Join(", ", Statuses.Select(s => $"{s.Key} x{s.Value}"))}");

    private static string Truncate(string text) => text.Length > 400 ? text[..400] + "..." : text;
}
