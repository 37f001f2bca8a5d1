using MathNet.Numerics.Distributions;

namespace Platform.Engagement.Outreach.Reports;

/// <summary>
/// The figures an analyst checks by hand: rate = converted / clients per group; difference = treated rate - holdout
/// rate with its unpooled Wald 95% interval, difference ± z(0.975) · sqrt(p1(1-p1)/n1 + p2(1-p2)/n2). Null when
/// either group has no clients: there is nothing to compare.
/// </summary>
public static class UpliftCalculator
{
    private static readonly double Z975 = Normal.InvCDF(0, 1, 0.975);

    public static Uplift Compute(MomentGoal goal, UpliftGroup treated, UpliftGroup holdout)
    {
        ArgumentNullException.ThrowIfNull(goal);
        if (treated.Rate is not { } p1 || holdout.Rate is not { } p2)
        {
            return new Uplift(goal.Description, goal.Window, treated, holdout, null, null);
        }

        var difference = p1 - p2;
        var error = Math.Sqrt((p1 * (1 - p1) / treated.Clients) + (p2 * (1 - p2) / holdout.Clients));
        return new Uplift(goal.Description, goal.Window, treated, holdout, difference, [difference - (Z975 * error), difference + (Z975 * error)]);
    }
}
