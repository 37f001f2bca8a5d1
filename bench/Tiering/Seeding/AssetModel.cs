namespace Platform.Bench.Tiering.Seeding;

/// <summary>
/// What the seeded clients own, day by day. A brokerage's book is heavy-tailed: a client's usual
/// total assets are log-normal (median 30,000 CNY, sigma 2.0 in natural log: from a few hundred
/// CNY to tens of millions, so every tier V1..V7 occurs), 8% of the approved clients never funded
/// their account (0 every day: V0), and the totals move with the market, about 1.2% a day. On the
/// last day 10% of the clients move money in (a deposit or a transfer from another broker): their
/// total jumps 2x to 20x, which is what makes a few percent of all clients cross a threshold.
/// </summary>
public static class AssetModel
{
    public const double UnfundedShare = 0.08;
    public const double MedianAssets = 30_000;
    public const double Sigma = 2.0;
    public const double DailyVolatility = 0.012;
    public const double MoverShare = 0.10;
    public const double SmallestJump = 2;
    public const double LargestJump = 20;

    /// <summary>Fills the end-of-day totals of one client, oldest first; true when it moved money in on the last day.</summary>
    public static bool Fill(Random random, Span<decimal> totals)
    {
        if (random.NextDouble() < UnfundedShare)
        {
            totals.Clear();
            return false;
        }

        var level = Math.Log(MedianAssets) + Sigma * Normal(random);
        for (var day = 0; day < totals.Length; day++)
        {
            level += DailyVolatility * Normal(random);
            totals[day] = Amount(Math.Exp(level));
        }

        if (random.NextDouble() >= MoverShare)
        {
            return false;
        }

        var jump = Math.Exp(Math.Log(SmallestJump) + random.NextDouble() * (Math.Log(LargestJump) - Math.Log(SmallestJump)));
        totals[^1] = Amount(Math.Exp(level) * jump);
        return true;
    }

    /// <summary>CNY with fen, at least one fen (a funded account holds something).</summary>
    private static decimal Amount(double value) => Math.Max(0.01m, Math.Round((decimal)Math.Min(value, 1e12), 2));

    // Box-Muller: a standard normal from two uniforms.
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
