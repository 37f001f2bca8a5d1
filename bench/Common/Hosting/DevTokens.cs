using System.Net.Http.Json;

namespace Platform.Bench.Common.Hosting;

/// <summary>Tokens minted by the gateway's POST /v1/dev/tokens (local mode), as a developer would with curl.</summary>
public static class DevTokens
{
    public static async Task<string> MintAsync(HttpClient http, string role, string subject, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/v1/dev/tokens", new { role, subject }, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        return token?.Token ?? throw new InvalidOperationException("POST /v1/dev/tokens answered without a token.");
    }

    public static async Task<string> MintAsync(Uri gateway, string role, string subject, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(10) };
        return await MintAsync(http, role, subject, cancellationToken);
    }

    /// <summary>One token per subject, in the same order, minted 16 at a time (a client app reads its own data with its own token).</summary>
    public static async Task<string[]> MintAllAsync(Uri gateway, string role, IReadOnlyList<string> subjects, CancellationToken cancellationToken)
    {
        const int parallel = 16;
        var tokens = new string[subjects.Count];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = parallel }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        await Parallel.ForAsync(0, subjects.Count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, token) => tokens[i] = await MintAsync(http, role, subjects[i], token));
        return tokens;
    }

    private sealed record TokenAnswer(string Token);
}
