namespace Platform.Engagement.Policies;

/// <summary>Tiers as Tiering names them (V0..V7), compared by their number: "V5 and above" is a level of at least 5.</summary>
public static class TierLevels
{
    public const int Highest = 7;

    public static bool TryParse(string? name, out int level)
    {
        level = 0;
        if (name is not { Length: 2 } || name[0] != 'V' || name[1] is < '0' or > (char)('0' + Highest))
        {
            return false;
        }

        level = name[1] - '0';
        return true;
    }

    public static string NameOf(int level) => level is >= 0 and <= Highest
        ? "V" + (char)('0' + level)
        : throw new ArgumentOutOfRangeException(nameof(level), level, "A tier is V0..V7.");
}
