using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Platform.Bench.Content.Seeding;

/// <summary>The gateway as an operator calls it: an HTTP client with the operator's token, and POSTs that must succeed.</summary>
public static class OperatorApi
{
    public static HttpClient Client(Uri gateway, string operatorToken)
    {
        var http = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
        return http;
    }

    public static async Task PostAsync(HttpClient http, string route, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(route, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
