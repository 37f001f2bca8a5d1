using CsCheck;
using static Platform.Engagement.Tests.Lifecycle.LifecycleEvents;

namespace Platform.Engagement.Tests.Lifecycle;

/// <summary>
/// Random event streams of one client: each number of a tape is one event of any kind the state is built from, within the
/// 50 days before <see cref="LifecycleHost.T0"/> (by the hour, so that ties happen: two snapshots of one day, a tier change
/// and a distance to the next tier at the same time), with amounts around the churn and idle-cash thresholds.
/// </summary>
public static class EventTapes
{
    public static readonly Gen<int[]> Tapes = Gen.Int[0, int.MaxValue].Array[3, 24];

    public static List<TestEvent> Decode(int[] tape) => tape.Select(Decode).ToList();

    private static TestEvent Decode(int code)
    {
        var at = LifecycleHost.T0.AddHours(-(code / 13 % (50 * 24)));
        var amount = (code / 7 % 40 + 1) * 5_000m;
        var cash = code / 11 % 3 * 40_000m;
        return (code % 13) switch
        {
            0 => Registered(at),
            1 => Rejected(at),
            2 => Approved(at),
            3 => Funded(at.AddHours(-(code / 17 % 48)), at),
            4 => Login(at),
            5 => Deposit(at, amount),
            6 => Trade(at, amount),
            7 => Purchase(at, amount),
            8 => TransferOut(at, amount),
            9 or 10 => Snapshot(Day(at), amount * 4, cash, at),
            11 => TierChanged($"V{code / 5 % 8}", at),
            _ => NearNextTier(amount, at),
        };
    }
}
