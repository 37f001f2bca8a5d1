using Platform.Onboarding.Events;

namespace Platform.Onboarding.Tests.Funnel;

/// <summary>The events of onboarding.events that carry a client's risk level, as a consumer orders them.</summary>
public static class PublishedLevels
{
    /// <summary>The events that carry the level (StepRecorded, AccountApproved), in the order given: type, level and sequence.</summary>
    public static List<(string Type, string Level, long Sequence)> Of(IEnumerable<(string Type, byte[] Payload)> events) =>
        [.. events.Select(e => LevelOf(e.Type, e.Payload)).OfType<(string, string, long)>()];

    /// <summary>Each sequence set, and strictly greater than the one before it.</summary>
    public static void AssertIncreasing(List<(string Type, string Level, long Sequence)> levels)
    {
        Assert.NotEmpty(levels);
        Assert.All(levels, l => Assert.True(l.Sequence > 0, $"{l.Type} {l.Level} has no sequence"));
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.First.Sequence < pair.Second.Sequence,
            $"{pair.First.Type} {pair.First.Level} #{pair.First.Sequence} is not below {pair.Second.Type} {pair.Second.Level} #{pair.Second.Sequence}"));
    }

    private static (string Type, string Level, long Sequence)? LevelOf(string type, byte[] payload)
    {
        switch (type)
        {
            case nameof(StepRecorded):
                var step = StepRecorded.Parser.ParseFrom(payload);
                return (type, step.RiskLevel, step.RiskLevelSequence);
            case nameof(AccountApproved):
                var approved = AccountApproved.Parser.ParseFrom(payload);
                return (type, approved.RiskLevel, approved.RiskLevelSequence);
            default:
                return null;
        }
    }
}
