namespace Platform.Engagement.Rules;

/// <summary>Rule enums on the wire: their names in lower case, exactly (no numbers, no other case).</summary>
public static class WireEnums
{
    public static string Wire<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    public static bool TryParse<T>(string? wire, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (Wire(candidate) == wire)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
