using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Tiering.Reads;

/// <summary>
/// A random sample of the seeded clients, each with its own `client` token minted by the gateway's
/// POST /v1/dev/tokens: a client app reads its own tier with its own token, as in production.
/// </summary>
public static class ClientTokens
{
    private const int Parallel = 16;

    /// <returns>The sampled client ids and their tokens, in the same order.</returns>
    public static async Task<(string[] ClientIds, string[] Tokens)> MintAsync(Uri gateway, string prefix, int population, int sample, int seed,
        CancellationToken cancellationToken)
    {
        var ids = Sample(population, sample, seed).Select(n => $"{prefix}{n:D8}").ToArray();
        var tokens = new string[ids.Length];
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Parallel }) { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        await System.Threading.Tasks.Parallel.ForAsync(0, ids.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (i, token) => tokens[i] = await DevTokens.MintAsync(http, "client", ids[i], token));
        return (ids, tokens);
    }

    /// <summary><paramref name="sample"/> distinct numbers below <paramref name="population"/> (a partial Fisher-Yates shuffle).</summary>
    private static int[] Sample(int population, int sample, int seed)
    {
        var random = new Random(seed);
        var numbers = Enumerable.Range(0, population).ToArray();
        for (var i = 0; i < sample; i++)
        {
            var j = random.Next(i, population);
            (numbers[i], numbers[j]) = (numbers[j], numbers[i]);
        }

        return numbers[..sample];
    }
}
