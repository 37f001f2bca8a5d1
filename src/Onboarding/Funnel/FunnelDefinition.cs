namespace Platform.Onboarding.Funnel;

/// <summary>An ordered funnel; some steps may be optional on some channels.</summary>
public sealed record FunnelDefinition(string Name, int Version, IReadOnlyList<FunnelStep> Steps,
    IReadOnlyDictionary<FunnelStep, IReadOnlySet<string>> OptionalOnChannels)
{
    /// <summary>The default funnel of DOMAIN.md: thirteen steps, video witnessing optional on private-traffic channels.</summary>
    public static FunnelDefinition Standard { get; } = new("standard", 1,
        Enum.GetValues<FunnelStep>().Where(s => s != FunnelStep.Rejected).Order().ToArray(),
        new Dictionary<FunnelStep, IReadOnlySet<string>>
        {
            [FunnelStep.VideoWitnessed] = new HashSet<string>(StringComparer.Ordinal) { "advisor_referral", "branch" },
        });

    public int PositionOf(FunnelStep step)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i] == step)
            {
                return i;
            }
        }

        return -1;
    }

    public bool Contains(FunnelStep step) => PositionOf(step) >= 0;

    /// <summary>The first step after <paramref name="current"/> that the client's channel requires, or null at the end.</summary>
    public FunnelStep? NextAfter(FunnelStep current, string channel)
    {
        for (var i = PositionOf(current) + 1; i < Steps.Count; i++)
        {
            if (!(OptionalOnChannels.TryGetValue(Steps[i], out var channels) && channels.Contains(channel)))
            {
                return Steps[i];
            }
        }

        return null;
    }
}
