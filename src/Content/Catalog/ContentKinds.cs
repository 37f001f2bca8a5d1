namespace Platform.Content.Catalog;

/// <summary>Kinds on the wire: lower case, exactly (no numbers, no other case).</summary>
public static class ContentKinds
{
    public static readonly string List = string.Join(", ", Enum.GetValues<ContentKind>().Select(Wire));

    public static string Wire(ContentKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? wire, out ContentKind kind)
    {
        foreach (var candidate in Enum.GetValues<ContentKind>())
        {
            if (Wire(candidate) == wire)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
