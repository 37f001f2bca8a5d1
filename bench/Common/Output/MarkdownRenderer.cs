using System.Text;

namespace Platform.Bench.Common.Output;

/// <summary>The same document as Markdown: results/latest.md, the evidence the README quotes.</summary>
public static class MarkdownRenderer
{
    /// <param name="bench">The benchmark's folder name under bench/ (Onboarding, Tiering).</param>
    public static string Render(Document document, string bench)
    {
        var markdown = new StringBuilder();
        markdown.Append("# ").AppendLine(document.Title).AppendLine();
        markdown.Append("Written by `./platform bench ").Append(bench.ToLowerInvariant()).Append("` (bench/").Append(bench)
            .AppendLine("); every run with the same --durability replaces this file.").AppendLine();
        foreach (var section in document.Sections)
        {
            markdown.Append("## ").AppendLine(section.Title).AppendLine();
            if (section.Rows.Count > 0)
            {
                var keyValues = section.Headers.All(h => h.Length == 0);
                Row(markdown, section.Headers);
                Row(markdown, [.. section.Headers.Select((_, i) => i == 0 || keyValues ? "---" : "---:")]);
                foreach (var row in section.Rows)
                {
                    Row(markdown, row);
                }

                markdown.AppendLine();
            }

            foreach (var note in section.Notes)
            {
                markdown.Append("- ").AppendLine(note);
            }

            if (section.Notes.Count > 0)
            {
                markdown.AppendLine();
            }

            if (section.Code is { Count: > 0 } code)
            {
                markdown.AppendLine("```");
                foreach (var line in code)
                {
                    markdown.AppendLine(line);
                }

                markdown.AppendLine("```").AppendLine();
            }
        }

        return markdown.ToString();
    }

    public static void Write(Document document, string bench, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, Render(document, bench));
    }

    private static void Row(StringBuilder markdown, IReadOnlyList<string> cells) =>
        markdown.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).AppendLine(" |");
}
