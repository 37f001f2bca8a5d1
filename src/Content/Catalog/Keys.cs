using System.Text.RegularExpressions;

namespace Platform.Content.Catalog;

/// <summary>The shape of the keys operators choose (item ids, segment and experiment keys): safe in a URL, a log and a Redis key.</summary>
public static partial class Keys
{
    public const string Rule = "must be 2 to 64 lower-case letters, digits or '-', starting with a letter or digit";

    public static bool IsKey(string? value) => value is not null && KeyPattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,63}$")]
    private static partial Regex KeyPattern();
}
