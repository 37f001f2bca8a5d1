namespace Platform.Bench.Common.Output;

/// <summary>The results as plain sections, rendered twice: to the console (Spectre.Console) and to Markdown (results/latest.md).</summary>
public sealed record Document(string Title, IReadOnlyList<Section> Sections);

/// <summary>A titled table with notes below it; <see cref="Code"/> holds verbatim lines (log tails, exceptions).</summary>
public sealed record Section(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string> Notes, IReadOnlyList<string>? Code = null)
{
    public static Section KeyValues(string title, IEnumerable<(string Key, string Value)> rows, params string[] notes) =>
        new(title, ["", ""], [.. rows.Select(r => (IReadOnlyList<string>)[r.Key, r.Value])], notes);
}
