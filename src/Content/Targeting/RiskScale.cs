namespace Platform.Content.Targeting;

/// <summary>
/// Suitability's two scales, written as the regulator writes them: a client's risk tolerance
/// C1..C5 (from the assessment) and a product's risk R1..R5. Both are kept as their number.
/// </summary>
public static class RiskScale
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public static bool TryParseTolerance(string? text, out int level) => TryParse(text, 'C', out level);

    public static bool TryParseProductRisk(string? text, out int level) => TryParse(text, 'R', out level);

    public static string Tolerance(int level) => $"C{level}";

    public static string ProductRisk(int level) => $"R{level}";

    private static bool TryParse(string? text, char prefix, out int level)
    {
        level = 0;
        if (text is not { Length: 2 } || text[0] != prefix || text[1] < '0' + Lowest || text[1] > '0' + Highest)
        {
            return false;
        }

        level = text[1] - '0';
        return true;
    }
}
