using CsCheck;
using Platform.Engagement.Policies;

namespace Platform.Engagement.Tests.Policies;

public sealed class HoldoutPolicyTests
{
    private static readonly Gen<string> ClientIds = Gen.String[Gen.Char.AlphaNumeric, 1, 40];

    [Theory]
    // Computed outside .NET (Python's hashlib: SHA-256 of "engagement-holdout:" + id, first 8 bytes big-endian, mod 10000):
    // the same in every process and restart, which string.GetHashCode is not.
    [InlineData("c-1", 5320)]
    [InlineData("c-2", 7541)]
    [InlineData("client-42", 9249)]
    public void AClientsBucketIsTheSameInEveryProcess(string clientId, int bucket) =>
        Assert.Equal(bucket, HoldoutPolicy.BucketOf(clientId));

    [Fact]
    public void AClientHeldOutAtAPercentStaysHeldOutAtAnyHigherPercent() =>
        Gen.Select(ClientIds, Gen.Int[0, 10_000], Gen.Int[0, 10_000]).Sample((clientId, a, b) =>
        {
            var (lower, higher) = (Math.Min(a, b) / 100m, Math.Max(a, b) / 100m);
            Assert.True(!HoldoutPolicy.IsHeldOut(clientId, lower) || HoldoutPolicy.IsHeldOut(clientId, higher));
        }, iter: 20_000);

    [Fact]
    public void NobodyIsHeldOutAtZeroAndEverybodyAtAHundred() =>
        ClientIds.Sample(clientId => Assert.True(!HoldoutPolicy.IsHeldOut(clientId, 0m) && HoldoutPolicy.IsHeldOut(clientId, 100m)));

    [Fact]
    public void TheHeldOutShareOfManyClientsIsCloseToThePercent()
    {
        // 20,000 fixed ids: the count is fixed too, and a uniform hash puts it within a few standard deviations (42) of 2,000.
        var heldOut = Enumerable.Range(0, 20_000).Count(i => HoldoutPolicy.IsHeldOut($"c-{i}", 10m));

        Assert.InRange(heldOut, 1_800, 2_200);
    }

    [Fact]
    public void HundredthsOfAPercentCount()
    {
        var clientId = Enumerable.Range(0, 100_000).Select(i => $"c-{i}").First(id => HoldoutPolicy.BucketOf(id) == 1234);

        Assert.False(HoldoutPolicy.IsHeldOut(clientId, 12.34m));
        Assert.True(HoldoutPolicy.IsHeldOut(clientId, 12.35m));
    }
}
