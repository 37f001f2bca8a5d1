using Spectre.Console;

namespace Platform.Bench.Common.Output;

/// <summary>Spectre.Console tables; plain text when the output is not a terminal.</summary>
public static class ConsoleRenderer
{
    public static void Write(Document document)
    {
        if (Console.IsOutputRedirected)
        {
            // Spectre wraps at 80 columns without a terminal; a log file reads better with whole rows.
            AnsiConsole.Profile.Width = 180;
        }

        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Rule($"[bold]{Markup.Escape(document.Title)}[/]").LeftJustified());
        foreach (var section in document.Sections)
        {
            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLine($"[bold underline]{Markup.Escape(section.Title)}[/]");
            if (section.Rows.Count > 0)
            {
                AnsiConsole.Write(Table(section));
            }

            foreach (var note in section.Notes)
            {
                AnsiConsole.MarkupLine($"  [grey]-[/] {Markup.Escape(note)}");
            }

            foreach (var line in section.Code ?? [])
            {
                AnsiConsole.MarkupLine($"    [grey]{Markup.Escape(line)}[/]");
            }
        }

        AnsiConsole.WriteLine();
    }

    private static Table Table(Section section)
    {
        var keyValues = section.Headers.All(h => h.Length == 0);
        var table = new Table().Border(TableBorder.Rounded);
        if (keyValues)
        {
            table.HideHeaders();
        }

        for (var i = 0; i < section.Headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(section.Headers[i]));
            table.AddColumn(i == 0 || keyValues ? column : column.RightAligned());
        }

        foreach (var row in section.Rows)
        {
            table.AddRow([.. row.Select(cell => Markup.Escape(cell))]);
        }

        return table;
    }
}
