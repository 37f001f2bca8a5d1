using System.Text;

namespace Platform.Content.Templates;

/// <summary>
/// Text with <c>{{placeholder}}</c> holes (spaces inside the braces allowed). Parsed when the
/// item is saved, so an unknown placeholder is the operator's 400 and never a broken message
/// at send time. Single braces are plain text.
/// </summary>
public sealed class Template
{
    private readonly IReadOnlyList<(string Text, bool IsPlaceholder)> parts;

    private Template(IReadOnlyList<(string Text, bool IsPlaceholder)> parts) => this.parts = parts;

    public IEnumerable<string> PlaceholderNames => parts.Where(p => p.IsPlaceholder).Select(p => p.Text).Distinct();

    public static Template Parse(string text)
    {
        var parts = new List<(string, bool)>();
        var literalStart = 0;
        var position = 0;
        while ((position = text.IndexOf("{{", position, StringComparison.Ordinal)) >= 0)
        {
            var close = text.IndexOf("}}", position + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                throw new TemplateException(position + 1, "'{{' is not closed by '}}'");
            }

            var name = text[(position + 2)..close].Trim();
            if (!Placeholders.Allowed.ContainsKey(name))
            {
                throw new TemplateException(position + 1, $"unknown placeholder '{{{{{name}}}}}'",
                    $"allowed: {string.Join(", ", Placeholders.Allowed.Keys.Order(StringComparer.Ordinal))}");
            }

            if (position > literalStart)
            {
                parts.Add((text[literalStart..position], false));
            }

            parts.Add((name, true));
            position = literalStart = close + 2;
        }

        if (literalStart < text.Length)
        {
            parts.Add((text[literalStart..], false));
        }

        return new Template(parts);
    }

    /// <summary>
    /// The text with every placeholder filled, or null when a value is missing (the next tier of
    /// a V7 client): such an item is not served to that client rather than sent with a hole in it.
    /// </summary>
    public string? Render(IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder();
        foreach (var (part, isPlaceholder) in parts)
        {
            if (!isPlaceholder)
            {
                text.Append(part);
            }
            else if (values.TryGetValue(part, out var value) && !string.IsNullOrEmpty(value))
            {
                text.Append(value);
            }
            else
            {
                return null;
            }
        }

        return text.ToString();
    }
}
