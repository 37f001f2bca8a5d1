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

    /// <summary>
    /// A later change of the seed for a database seeded before it: each named rule, where it is still the untouched seed
    /// (version 1 as seeded at <see cref="SeededAt"/>: an operator's edit made it version 2 or later) and differs from the
    /// current seed, becomes the current seed as version 2, kept in <c>rule_versions</c>; an edited rule stays the operator's.
    /// </summary>
    public static string Reseed(DateTimeOffset at, params string[] keys)
    {
        var rules = Rules().Where(r => keys.Contains(r.Key, StringComparer.Ordinal)).ToList();
        if (rules.Count != keys.Length)
        {
            throw new InvalidOperationException($"the seed has no rule among {string.Join(", ", keys)} for some key");
        }

        var rows = rules.Select(r => $"({Text(r.Key)}, {Text(RuleWire.Definition(r with { Version = 2 }))}::jsonb)").ToList();
        return $"""
            SET LOCAL standard_conforming_strings = on;
            WITH seed (key, definition) AS (VALUES
            {string.Join(",\n", rows)}),
            changed AS (
                UPDATE rules r SET definition = seed.definition, version = 2, updated_at = {Text(at.ToString("O"))}::timestamptz
                FROM seed
                WHERE r.key = seed.key AND r.version = 1 AND r.updated_at = {Text(SeededAt.ToString("O"))}::timestamptz AND r.definition <> seed.definition
                RETURNING r.key, r.version, r.definition, r.updated_at)
            INSERT INTO rule_versions (key, version, definition, saved_at)
            SELECT key, version, definition, updated_at FROM changed
            ON CONFLICT (key, version) DO NOTHING;
            """;
    }

    // Standard-conforming string literals: a quote is doubled, a backslash is itself.
    private static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
