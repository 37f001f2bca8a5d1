using CsCheck;
using Platform.Engagement.Policies;

namespace Platform.Engagement.Tests.Policies;

public sealed class PriorityResolutionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    private static PriorityCandidate Candidate(string rule, int priority, int seconds = 0) =>
        new($"{rule}:c-1:client", rule, priority, At.AddSeconds(seconds));

    [Fact]
    public void TheHighestPriorityGoes() =>
        Assert.Equal("M06", PriorityResolution.Winner([Candidate("M04", 40), Candidate("M06", 60, 30), Candidate("M05", 50)]).RuleKey);

    [Fact]
    public void ATieGoesToTheOneFiredFirstThenToTheSmallerRuleKey()
    {
        Assert.Equal("M09", PriorityResolution.Winner([Candidate("M03", 50, 10), Candidate("M09", 50, 5)]).RuleKey);
        Assert.Equal("M03", PriorityResolution.Winner([Candidate("M09", 50), Candidate("M03", 50)]).RuleKey);
    }

    [Fact]
    public void OnlyCandidatesWithinTheWindowCompete()
    {
        var late = Candidate("M05", 50, 61);

        Assert.True(PriorityResolution.Goes(late, [Candidate("M06", 60)], TimeSpan.FromMinutes(1)));
        Assert.False(PriorityResolution.Goes(late, [Candidate("M06", 60, 1)], TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void TheWinnerDoesNotDependOnTheOrderCandidatesArrivedIn() =>
        Gen.Select(Gen.Int[1, 17], Gen.Int[0, 3], Gen.Int[0, 2], (rule, priority, second) => Candidate($"M{rule:00}", priority * 10, second))
            .Array[1, 8].Select(c => c.DistinctBy(x => x.InstanceKey).ToArray())
            .Sample(candidates =>
            {
                var winner = PriorityResolution.Winner(candidates);
                Assert.Equal(winner, PriorityResolution.Winner(candidates.Reverse()));
                Assert.True(PriorityResolution.Goes(winner, candidates, TimeSpan.FromMinutes(1)));
                Assert.All(candidates.Where(c => c != winner), loser => Assert.False(PriorityResolution.Goes(loser, candidates, TimeSpan.FromMinutes(1))));
            });
}
