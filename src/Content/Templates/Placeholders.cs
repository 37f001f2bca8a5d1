using System.Collections.Frozen;

namespace Platform.Content.Templates;

/// <summary>
/// The only values a template may name. None is personal: no name, phone or ID number can
/// reach a rendered message, because there is no placeholder for one. The profile fills the
/// client's facts; the outreach's triggering event fills the moment's facts.
/// </summary>
public static class Placeholders
{
    public const string Tier = "tier";
    public const string NextTier = "nextTier";
    public const string AmountToNextTier = "amountToNextTier";
    public const string Stage = "stage";
    public const string RiskTolerance = "riskTolerance";
    public const string ProductName = "productName";
    public const string Amount = "amount";
    public const string Date = "date";

    /// <summary>Each placeholder and what it holds, as the README and the 400s list them.</summary>
    public static readonly FrozenDictionary<string, string> Allowed = new Dictionary<string, string>
    {
        [Tier] = "the client's tier, V0..V7",
        [NextTier] = "the tier above the client's (none at V7)",
        [AmountToNextTier] = "CNY still needed for the next tier, e.g. 138,765.50 (none at V7)",
        [Stage] = "the client's lifecycle stage, S1..S6",
        [RiskTolerance] = "the client's assessed risk tolerance, C1..C5",
        [ProductName] = "the product the moment is about: the title of the catalogue product the outreach names by item id",
        [Amount] = "the amount of the triggering event, in CNY",
        [Date] = "the date the moment is about (a maturity, a review), yyyy-MM-dd",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
