namespace Platform.Content.Targeting;

/// <summary>
/// The regulator's hard line, in one place so that every path (feed, outreach selection,
/// experiments) asks the same question: a product of risk Rn never reaches a client whose
/// tolerance is below Cn, and a client without an assessment sees no products at all. Any other
/// item that carries a risk (a trading-signals service, a commission-free-trades campaign) is held
/// to the same line; one without a risk is always suitable.
/// </summary>
public static class Suitability
{
    public static bool Allows(int? itemRisk, int? clientTolerance) =>
        itemRisk is not { } risk || (clientTolerance is { } tolerance && tolerance >= risk);
}
