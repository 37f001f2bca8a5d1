namespace Platform.Content.Targeting;

/// <summary>
/// The regulator's hard line, in one place so that every path (feed, outreach selection,
/// experiments) asks the same question: a product of risk Rn never reaches a client whose
/// tolerance is below Cn, and a client without an assessment sees no products at all.
/// Content that is not a product carries no risk and is always suitable.
/// </summary>
public static class Suitability
{
    public static bool Allows(int? productRisk, int? clientTolerance) =>
        productRisk is not { } risk || (clientTolerance is { } tolerance && tolerance >= risk);
}
