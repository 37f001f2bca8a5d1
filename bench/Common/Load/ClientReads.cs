using System.Net.Http.Headers;

namespace Platform.Bench.Common.Load;

/// <summary>
/// What one connection of a read phase sends: GET of a client's own resource (e.g. /v1/clients/{id}/tier) for a client
/// drawn at random from the sample (uniformly), with that client's own token, one after another.
/// </summary>
/// <param name="route">The path with {0} for the client id, e.g. "/v1/clients/{0}/feed".</param>
public sealed class ClientReads(Uri target, string route, string[] clientIds, string[] tokens, int seed) : IRequestSource
{
    private readonly Random random = new(seed);

    public HttpRequestMessage Next()
    {
        var i = random.Next(clientIds.Length);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, string.Format(System.Globalization.CultureInfo.InvariantCulture, route, clientIds[i])));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
        return request;
    }

    public void Answered(string outcome)
    {
        // Nothing of its own to count: the load generator counts the answers.
    }
}
