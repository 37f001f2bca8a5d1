using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Onboarding.Events;
using Platform.Tiering.Events;

namespace Platform.Bench.Content.Seeding;

/// <summary>
/// The clients whose feeds are read, and the facts other services would have published about them: 10% prospects who
/// registered but were not approved (no assessment: no products), the rest approved with a risk level (C1 10%, C2 25%,
/// C3 35%, C4 20%, C5 10%), 75% of those funded and given a tier by Tiering (15% of them near the next one), and 60% of all
/// clients tagged by operators (age band, region, style, horizon, interests). Deterministic per client index.
/// </summary>
public static class ClientModel
{
    public const double ProspectShare = 0.10;
    public const double FundedShare = 0.75;
    public const double TaggedShare = 0.60;

    private static readonly string[] Channels = ["short_video", "search", "wechat", "referral", "app_store", "livestream"];
    private static readonly string[] Campaigns = ["double11", "spring-open", "etf-week", "newcomer", "none"];
    private static readonly (string Level, double Cumulative)[] RiskLevels = [("C1", 0.10), ("C2", 0.35), ("C3", 0.70), ("C4", 0.90), ("C5", 1.0)];
    private static readonly (string Tier, double Cumulative)[] Tiers =
        [("V0", 0.08), ("V1", 0.35), ("V2", 0.63), ("V3", 0.84), ("V4", 0.96), ("V5", 0.99), ("V6", 0.997), ("V7", 1.0)];
    private static readonly string[] Ages = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"];
    private static readonly string[] Regions = ["cn-sh", "cn-bj", "cn-gd", "cn-zj", "cn-js", "cn-sc"];
    private static readonly string[] Interests = ["etf", "bonds", "tech", "dividend", "gold"];

    public static string ClientId(int index) => $"cb{index:D8}";

    /// <summary>The events of one client, each with its topic, in the order the other services would have published them.</summary>
    public static IEnumerable<(string Topic, IMessage Message)> Events(int index, DateTimeOffset now)
    {
        var random = new Random(index * 7919 + 17);
        var id = ClientId(index);
        var registered = now.AddDays(-1 - random.Next(400)).AddMinutes(-random.Next(1440));
        var channel = Channels[random.Next(Channels.Length)];
        var campaign = Campaigns[random.Next(Campaigns.Length)];
        if (random.NextDouble() < ProspectShare)
        {
            yield return (Messaging.Topics.OnboardingEvents, new StepRecorded
            {
                ClientId = id, Funnel = "standard", Step = "registered", OccurredAt = At(registered), Channel = channel, Campaign = campaign,
                RegisteredAt = At(registered),
            });
            yield break;
        }

        var approved = registered.AddHours(2 + random.Next(48));
        yield return (Messaging.Topics.OnboardingEvents, new AccountApproved
        {
            ClientId = id, Funnel = "standard", OccurredAt = At(approved), RiskLevel = Pick(RiskLevels, random.NextDouble()), Channel = channel,
            Campaign = campaign, RegisteredAt = At(registered),
        });
        if (random.NextDouble() >= FundedShare)
        {
            yield break;
        }

        var funded = approved.AddHours(1 + random.Next(72));
        yield return (Messaging.Topics.OnboardingEvents, new AccountFunded
        {
            ClientId = id, ApprovedAt = At(approved), FundedAt = At(funded), Channel = channel, Campaign = campaign,
        });
        var tier = Pick(Tiers, random.NextDouble());
        var tierAt = funded.AddDays(1);
        yield return (Messaging.Topics.TieringEvents, new TierChanged { ClientId = id, FromTier = "V0", ToTier = tier, Reason = "upgrade", OccurredAt = At(tierAt) });
        if (tier != "V7" && random.NextDouble() < 0.15)
        {
            yield return (Messaging.Topics.TieringEvents, new NearNextTier
            {
                ClientId = id, Tier = tier, NextTier = $"V{tier[1] - '0' + 1}", OccurredAt = At(tierAt.AddHours(1)),
                AmountToNextTier = new Platform.Tiering.Events.Amount { Units = 1_000 + random.Next(50_000) },
            });
        }
    }

    /// <summary>The operator tags of one client, or null for an untagged one.</summary>
    public static string[]? Tags(int index)
    {
        var random = new Random(index * 104_729 + 3);
        if (random.NextDouble() >= TaggedShare)
        {
            return null;
        }

        var tags = new SortedSet<string>(StringComparer.Ordinal)
        {
            $"age:{Ages[random.Next(Ages.Length)]}",
            $"region:{Regions[random.Next(Regions.Length)]}",
            random.Next(2) == 0 ? "style:fundamental" : "style:technical",
            random.Next(2) == 0 ? "horizon:short" : "horizon:long",
        };
        for (var n = 1 + random.Next(3); n > 0; n--)
        {
            tags.Add($"interest:{Interests[random.Next(Interests.Length)]}");
        }

        return [.. tags];
    }

    private static string Pick((string Value, double Cumulative)[] table, double draw) => table.First(t => draw < t.Cumulative).Value;

    private static Timestamp At(DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);
}
