using System.Diagnostics;

namespace Platform.Bench.Content.Seeding;

/// <summary>
/// The catalogue a deployment grows on top of the seeded one (the 17 moments' words and a few items of each kind): N items
/// of the six kinds with targeting by tiers, stages, tags and segments, templates with the documented placeholders, some
/// with a validity window, written as an operator would, through the gateway (POST /v1/segments, POST /v1/content/items).
/// </summary>
public static class CatalogueSeeder
{
    public static readonly (string Key, string Expression)[] Segments =
    [
        ("long-term-etf", "interest:etf AND horizon:long"),
        ("active-traders", "style:technical OR horizon:short"),
        ("working-age", "NOT (age:65+ OR age:18-24)"),
    ];

    private static readonly string[] Kinds = ["product", "insight", "feature", "service", "campaign", "benefit"];
    private static readonly string[] Interests = ["etf", "bonds", "tech", "dividend", "gold"];

    public static async Task<CatalogueSeed> SeedAsync(Uri gateway, string operatorToken, int items, CancellationToken cancellationToken)
    {
        using var http = OperatorApi.Client(gateway, operatorToken);
        var started = Stopwatch.StartNew();
        foreach (var (key, expression) in Segments)
        {
            await OperatorApi.PostAsync(http, "/v1/segments", new { key, expression }, cancellationToken);
        }

        var now = DateTimeOffset.UtcNow;
        var byKind = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items; i++)
        {
            var item = Item(i, now);
            await OperatorApi.PostAsync(http, "/v1/content/items", item, cancellationToken);
            byKind[item.Kind] = byKind.GetValueOrDefault(item.Kind) + 1;
        }

        return new CatalogueSeed(items, Segments.Length, byKind, started.Elapsed);
    }

    /// <summary>Item <paramref name="i"/>: kinds in turn; a fifth each untargeted, by tiers, by stages, by a tag, by a segment.</summary>
    private static ItemBody Item(int i, DateTimeOffset now)
    {
        var kind = Kinds[i % Kinds.Length];
        var targeting = (i / Kinds.Length % 5) switch
        {
            0 => null,
            1 => new Targeting([$"V{i % 6}", $"V{i % 6 + 1}", $"V{i % 6 + 2}"], null, null, null),
            2 => new Targeting(null, i % 2 == 0 ? ["S3", "S4"] : ["S4", "S5"], null, null),
            3 => new Targeting(null, null, [$"interest:{Interests[i % Interests.Length]}"], null),
            _ => new Targeting(null, null, null, Segments[i % Segments.Length].Key),
        };
        var (title, body) = kind switch
        {
            "product" => ($"Fund {i}: steady income for {{{{riskTolerance}}}} investors", $"A diversified fund, item {i}, chosen for {{{{tier}}}} clients."),
            "benefit" => ($"{{{{amountToNextTier}}}} CNY to {{{{nextTier}}}}", $"Benefit {i}: add funds and unlock {{{{nextTier}}}} privileges."),
            "insight" => ($"Market insight {i}", "What moved the markets this week, in three minutes."),
            _ => ($"{char.ToUpperInvariant(kind[0])}{kind[1..]} {i} for {{{{tier}}}}", $"Something new for you at stage {{{{stage}}}}, item {i}."),
        };
        var windowed = i % 5 == 4;
        return new ItemBody($"cb-item-{i:D4}", kind, title, body, kind == "product" ? $"R{i % 5 + 1}" : null, targeting,
            windowed ? now.AddDays(-1) : null, windowed ? now.AddDays(30) : null, 10 + i % 80);
    }

    private sealed record Targeting(string[]? Tiers, string[]? Stages, string[]? Tags, string? Segment);

    private sealed record ItemBody(string ItemId, string Kind, string Title, string Body, string? Risk, Targeting? Targeting,
        DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, int Priority);
}

/// <summary>What the catalogue seeding added, and how long it took (not timed as a figure).</summary>
public sealed record CatalogueSeed(int Items, int Segments, IReadOnlyDictionary<string, int> ByKind, TimeSpan Elapsed);
