using Platform.Bench.Common.Hosting;

namespace Platform.Bench.Tiering.Reads;

/// <summary>
/// A random sample of the seeded clients, each with its own `client` token minted by the gateway's
/// POST /v1/dev/tokens: a client app reads its own tier with its own token, as in production.
/// </summary>
public static class ClientTokens
{
    /// <returns>The sampled client ids and their tokens, in the same order.</returns>
    public static async Task<(string[] ClientIds, string[] Tokens)> MintAsync(Uri gateway, string prefix, int population, int sample, int seed,
        CancellationToken cancellationToken)
    {
        var ids = Sample(population, sample, seed).Select(n => $"{prefix}{n:D8}").ToArray();
        return (ids, await DevTokens.MintAllAsync(gateway, "client", ids, cancellationToken));
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
