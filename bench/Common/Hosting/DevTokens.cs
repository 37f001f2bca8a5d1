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

    private sealed record TokenAnswer(string Token);
}
