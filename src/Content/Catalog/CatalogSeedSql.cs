using System.Globalization;

namespace Platform.Content.Catalog;

/// <summary>
/// The seed as the <c>SeedCatalog</c> migration runs it: <see cref="CatalogSeed.Items"/> and their first versions, each
/// inserted only where its key is free (ON CONFLICT DO NOTHING). Not EF's <c>HasData</c>: that makes the model own the
/// rows, so a later edit of <see cref="CatalogSeed"/> would generate an <c>UpdateData</c> migration that overwrites an
/// operator's edit of a seeded item and sets its version back to 1, lowering the catalogue's version sum (stale Redis
/// copies would match it again). The seed runs once, on a new database, from the text the migration froze when it was
/// written (<c>SeedCatalog.InsertSeed</c>, which a test holds equal to this); a change of the seed is a migration of its
/// own, written by hand, never an edit of <see cref="CatalogSeed"/>.
/// </summary>
public static class CatalogSeedSql
{
    /// <summary>The statements; the columns are the table's as of the SeedCatalog migration.</summary>
    public static string Insert()
    {
        var items = CatalogSeed.Items();
        var itemRows = items.Select(i => Row(
            Text(i.ItemId), Text(i.Kind.ToString()), Text(i.Title), Text(i.Body), i.Risk?.ToString(CultureInfo.InvariantCulture) ?? "NULL",
            TextArray(i.Tiers), TextArray(i.Stages), TextArray(i.Tags), i.Segment is { } segment ? Text(segment) : "NULL",
            Time(i.ValidFrom), Time(i.ValidTo), i.Priority.ToString(CultureInfo.InvariantCulture),
            TextArray(i.Moments), TextArray(i.Channels), TextArray(i.Labels), i.Version.ToString(CultureInfo.InvariantCulture), Time(i.UpdatedAt)));
        var versionRows = items.Select(ItemWire.ToVersion).Select(v => Row(
            Text(v.ItemId), v.Version.ToString(CultureInfo.InvariantCulture), Text(v.Definition) + "::jsonb", Time(v.SavedAt)));
        return $"""
            SET LOCAL standard_conforming_strings = on;
            INSERT INTO content_items (item_id, kind, title, body, risk, tiers, stages, tags, segment, valid_from, valid_to, priority,
                moments, channels, labels, version, updated_at)
            VALUES
            {string.Join(",\n", itemRows)}
            ON CONFLICT (item_id) DO NOTHING;
            INSERT INTO content_item_versions (item_id, version, definition, saved_at)
            VALUES
            {string.Join(",\n", versionRows)}
            ON CONFLICT (item_id, version) DO NOTHING;
            """;
    }

    private static string Row(params string[] values) => "(" + string.Join(", ", values) + ")";

    // Standard-conforming string literals (PostgreSQL's default since 9.1): a quote is doubled, a backslash is itself.
    private static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string TextArray(string[] values) => values.Length == 0 ? "'{}'::text[]" : "ARRAY[" + string.Join(", ", values.Select(Text)) + "]::text[]";

    private static string Time(DateTimeOffset? value) =>
        value is { } at ? Text(at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)) + "::timestamptz" : "NULL";
}
