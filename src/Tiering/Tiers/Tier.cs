namespace Platform.Tiering.Tiers;

/// <summary>Service tiers, V0 (approved, not funded) to V7; the order is the ranking.</summary>
public enum Tier
{
    V0,
    V1,
    V2,
    V3,
    V4,
    V5,
    V6,
    V7,
}

/// <summary>The wealth journey a tier belongs to: what the client is helped to do next.</summary>
public enum Journey
{
    /// <summary>V0-V2: learn, make the first trade.</summary>
    TreasureHunt,

    /// <summary>V3-V5: grow, diversify.</summary>
    DreamBuilder,

    /// <summary>V6-V7: wealth planning.</summary>
    RoadToWealth,
}

public static class TierCatalog
{
    public static Tier Highest => Tier.V7;

    public static IReadOnlyList<Tier> All { get; } = Enum.GetValues<Tier>();

    public static Journey JourneyOf(this Tier tier) => tier switch
    {
        <= Tier.V2 => Journey.TreasureHunt,
        <= Tier.V5 => Journey.DreamBuilder,
        _ => Journey.RoadToWealth,
    };

    public static string ToWireName(this Journey journey) => journey switch
    {
        Journey.TreasureHunt => "treasure_hunt",
        Journey.DreamBuilder => "dream_builder",
        _ => "road_to_wealth",
    };

    /// <summary>Exactly "V0".."V7" (no numbers, no lists, no other case).</summary>
    public static bool TryParse(string? wire, out Tier tier)
    {
        tier = All.FirstOrDefault(t => t.ToString() == wire);
        return tier.ToString() == wire;
    }
}
