namespace Platform.Onboarding.Funnel;

/// <summary>
/// One version of a funnel: ordered steps (some optional on some channels), the stall
/// thresholds of breakpoint recall and the dormant window. Versions are immutable; operators'
/// changes create new ones, and a client keeps the version it started with.
/// </summary>
public sealed record FunnelDefinition(string Name, int Version, IReadOnlyList<FunnelStep> Steps,
    IReadOnlyDictionary<FunnelStep, IReadOnlySet<string>> OptionalOnChannels,
    IReadOnlyList<TimeSpan> StallAfter, TimeSpan DormantAfter)
{
    public const string StandardName = "standard";

    /// <summary>The default funnel of DOMAIN.md: thirteen steps, video witnessing optional on private-traffic channels.</summary>
    public static FunnelDefinition Standard { get; } = new(StandardName, 1,
        Enum.GetValues<FunnelStep>().Where(s => s != FunnelStep.Rejected).Order().ToArray(),
        new Dictionary<FunnelStep, IReadOnlySet<string>>
        {
            [FunnelStep.VideoWitnessed] = new HashSet<string>(StringComparer.Ordinal) { "advisor_referral", "branch" },
        },
        [TimeSpan.FromMinutes(30), TimeSpan.FromHours(24), TimeSpan.FromDays(7)],
        TimeSpan.FromDays(3));

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

    public bool IsOptional(FunnelStep step, string channel) =>
        OptionalOnChannels.TryGetValue(step, out var channels) && channels.Contains(channel);

    /// <summary>The first step after <paramref name="current"/> that the client's channel requires, or null at the end.</summary>
    public FunnelStep? NextAfter(FunnelStep current, string channel)
    {
        for (var i = PositionOf(current) + 1; i < Steps.Count; i++)
        {
            if (!IsOptional(Steps[i], channel))
            {
                return Steps[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Checks an operator's definition; every problem, keyed by the API's field names. Steps must
    /// keep the regulated order of the standard funnel (some may be left out), start with
    /// <c>registered</c> and end with <c>approved</c>.
    /// </summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<(string Step, IReadOnlyList<string> OptionalOnChannels)> steps,
        IReadOnlyList<TimeSpan> stallAfter, TimeSpan dormantAfter)
    {
        var errors = new Dictionary<string, string[]>();
        var parsed = new List<FunnelStep>();
        for (var i = 0; i < steps.Count; i++)
        {
            if (!FunnelSteps.TryParse(steps[i].Step, out var step) || step == FunnelStep.Rejected)
            {
                errors[$"steps[{i}].step"] = [$"unknown step; allowed: {string.Join(", ", Standard.Steps.Select(s => s.ToWireName()))}"];
                continue;
            }

            if (parsed.Contains(step))
            {
                errors[$"steps[{i}].step"] = ["appears twice"];
            }
            else if (parsed.Count > 0 && Standard.PositionOf(step) < Standard.PositionOf(parsed[^1]))
            {
                errors[$"steps[{i}].step"] = ["out of order; steps keep the order of the standard funnel"];
            }

            parsed.Add(step);
            var unknown = steps[i].OptionalOnChannels.Where(c => !Channels.IsKnown(c)).ToArray();
            if (unknown.Length > 0)
            {
                errors[$"steps[{i}].optionalOnChannels"] = [$"unknown channel(s) {string.Join(", ", unknown)}; allowed: {string.Join(", ", Channels.All)}"];
            }
        }

        if (steps.Count == 0 || parsed.FirstOrDefault() != FunnelStep.Registered || parsed.LastOrDefault() != FunnelStep.Approved)
        {
            errors.TryAdd("steps", ["must start with registered and end with approved"]);
        }

        if (stallAfter.Count is < 1 or > 5 || stallAfter.Any(t => t <= TimeSpan.Zero) || stallAfter.Zip(stallAfter.Skip(1)).Any(p => p.Second <= p.First))
        {
            errors["stallAfter"] = ["1 to 5 positive durations, strictly increasing"];
        }

        if (dormantAfter <= TimeSpan.Zero)
        {
            errors["dormantAfter"] = ["must be a positive duration"];
        }

        return errors;
    }
}
