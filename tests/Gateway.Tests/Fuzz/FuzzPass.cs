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
    private readonly Dictionary<string, SortedDictionary<int, int>> statusesByRoute = new(StringComparer.Ordinal);
    private string state = string.Empty;

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

    /// <summary>
    /// <paramref name="requestsPerRoute"/> requests to each route: first a well-formed one, the same again (a caller's
    /// retry) and another well-formed one, so that every route's write path, idempotency and limits are reached
    /// whatever the seed draws, then generated ones. <paramref name="answered"/> sees each answer that broke no rule.
    /// </summary>
    public async Task RunAsync(IEnumerable<OpenApiRoute> routes, int requestsPerRoute, Action<OpenApiRoute, int, string>? answered = null)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var role in RouteRoles.AllRoles.Where(role => !tokens.ContainsKey(role)))
        {
            tokens[role] = await gateway.TokenAsync(role, role == RouteRoles.Client ? ValidBodies.ClientId : $"{role}-fuzz");
        }

        using var http = gateway.CreateClient();
        state = await readState();
        foreach (var route in routes)
        {
            var first = generator.WellFormed(route);
            FuzzRequest[] opening = [first, first, generator.WellFormed(route)];
            for (var i = 0; i < requestsPerRoute && Failures.Count < MaxReportedFailures; i++)
            {
                await SendAsync(http, route, i < opening.Length ? opening[i] : generator.Next(route), answered, ct);
            }
        }
    }

    /// <summary>The statuses one route answered, by code (empty when it got no request).</summary>
    public IReadOnlyDictionary<int, int> StatusesOf(string routeKey) =>
        statusesByRoute.TryGetValue(routeKey, out var statuses) ? statuses : new SortedDictionary<int, int>();

    private async Task SendAsync(HttpClient http, OpenApiRoute route, FuzzRequest request, Action<OpenApiRoute, int, string>? answered,
        CancellationToken ct)
    {
        using var message = request.ToMessage();
        if (request.Role is { } role)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[role]);
        }

        using var response = await http.SendAsync(message, ct);
        var status = (int)response.StatusCode;
        Count(Statuses, status);
        Count(statusesByRoute.TryGetValue(route.Key, out var statuses) ? statuses : statusesByRoute[route.Key] = [], status);
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

        Sent++;
    }

    private static void Count(SortedDictionary<int, int> statuses, int status) => statuses[status] = statuses.GetValueOrDefault(status) + 1;

    /// <summary>Prints how many requests were sent, in how long, and the answers by status code, in all and per route.</summary>
    public void Print(TimeSpan elapsed)
    {
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{Sent} requests in {elapsed.TotalSeconds:0.0} s; answers: {Listed(Statuses)}");
        foreach (var (route, statuses) in statusesByRoute)
        {
            output?.WriteLine($"  {route}: {Listed(statuses)}");
        }
    }

    private static string Listed(IEnumerable<KeyValuePair<int, int>> statuses) => string.Join(", ", statuses.Select(s => $"{s.Key} x{s.Value}"));

    private static string Truncate(string text) => text.Length > 400 ? text[..400] + "..." : text;
}
