using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Bench.Content.Reads;

/// <summary>
/// What a target answers, from a few sequential reads outside the load: items per feed and bytes per answer, so that
/// the phases are seen to carry comparable answers (the hop chain's feed is one held feed; the baseline's a real one's bytes).
/// </summary>
public sealed record AnswerSample(int Reads, double MeanItems, double MeanBytes, byte[] MedianBody)
{
    public const int Size = 50;

    public static async Task<AnswerSample> TakeAsync(Uri target, string[] clientIds, string[] tokens, int seed, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var random = new Random(seed);
        var bodies = new List<(int Items, byte[] Body)>();
        for (var n = 0; n < Math.Min(Size, clientIds.Length); n++)
        {
            var i = random.Next(clientIds.Length);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, $"/v1/clients/{clientIds[i]}/feed"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i]);
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {request.RequestUri} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
            }

            using var json = JsonDocument.Parse(body);
            bodies.Add((json.RootElement.GetProperty("items").GetArrayLength(), body));
        }

        var bySize = bodies.OrderBy(b => b.Body.Length).ToList();
        return new AnswerSample(bodies.Count, bodies.Average(b => b.Items), bodies.Average(b => b.Body.Length), bySize[bySize.Count / 2].Body);
    }
}
