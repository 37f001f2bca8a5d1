using System.Net.Http.Headers;
using Platform.Bench.Common.Load;

namespace Platform.Bench.Tiering.Reads;

/// <summary>
/// What one connection of the read phase sends: GET /v1/clients/{id}/tier for a client drawn at
/// random from the sample (uniformly, with its own token), one after another.
/// </summary>
public sealed class TierReads(Uri gateway, string[] clientIds, string[] tokens, int seed) : IRequestSource
{
    private readonly Random random = new(seed);

    public HttpRequestMessage Next()
    {
        var i = random.Next(clientIds.Length);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, $"/v1/clients/{clientIds[i]}/tier"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
        return request;
    }

    public void Answered(string outcome)
    {
        // Nothing of its own to count: the load generator counts the answers.
    }
}
