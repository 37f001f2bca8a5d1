namespace Platform.Engagement.Rules;

/// <summary>
/// The seed as the <c>Rules</c> migration runs it: <see cref="RuleSeed.Rules"/>, checked like an operator's, each inserted
/// as version 1 only where its key is free (ON CONFLICT DO NOTHING), so neither a re-run nor a later deployment ever
/// overwrites an operator's edit. Not EF's <c>HasData</c>, which would make the model own the rows and turn a later change
/// of the seed into an <c>UpdateData</c> that undoes an edit and sets its version back (as Content's CatalogSeedSql explains).
/// A later change of the seed is a migration of its own.
/// </summary>
public static class RuleSeedSql
{
    public static readonly DateTimeOffset SeededAt = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The seed's rules, checked; a seed that does not pass its own checks is a bug, found by the tests and the migration.</summary>
    public static IReadOnlyList<Rule> Rules() =>
        [.. RuleSeed.Rules.Select(wire => RuleParser.Parse(wire) is { Rule: { } rule } ? rule with { Version = 1 }
            : throw new InvalidOperationException($"seed rule {wire.Key} does not pass the rule checks"))];

    public static string Insert()
    {
        var rows = Rules().Select(r => $"({Text(r.Key)}, {Text(RuleWire.Definition(r))}::jsonb, 1, {Text(SeededAt.ToString("O"))}::timestamptz)").ToList();
        return $"""
            SET LOCAL standard_conforming_strings = on;
            INSERT INTO rules (key, definition, version, updated_at)
            VALUES
            {string.Join(",\n", rows)}
            ON CONFLICT (key) DO NOTHING;
            INSERT INTO rule_versions (key, version, definition, saved_at)
            SELECT key, version, definition, updated_at FROM rules WHERE version = 1 AND updated_at = {Text(SeededAt.ToString("O"))}::timestamptz
            ON CONFLICT (key, version) DO NOTHING;
            """;
    }

    // Standard-conforming string literals: a quote is doubled, a backslash is itself.
    private static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
