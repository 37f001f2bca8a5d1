namespace Platform.Engagement.Rules;

/// <summary>
/// A rule's field errors, named by their path in API.md's JSON (<c>conditions[1].op</c>,
/// <c>action.escalations[0].conditions[0].value</c>): <see cref="At"/> gives a nested part its own prefix, so the code
/// that checks a condition does not need to know where the condition sits.
/// </summary>
public sealed class RuleErrors
{
    private readonly Dictionary<string, List<string>> errors;
    private readonly string prefix;

    public RuleErrors()
        : this([], string.Empty)
    {
    }

    private RuleErrors(Dictionary<string, List<string>> errors, string prefix) => (this.errors, this.prefix) = (errors, prefix);

    /// <summary>Every error so far, of every part.</summary>
    public int Count => errors.Count;

    /// <summary>The errors of a nested part (<c>At("conditions[1]")</c>), written into this same list.</summary>
    public RuleErrors At(string path) => new(errors, Path(path));

    public void Add(string field, string message)
    {
        var path = Path(field);
        if (!errors.TryGetValue(path, out var messages))
        {
            errors[path] = messages = [];
        }

        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    private string Path(string field) => prefix.Length == 0 ? field : field.Length == 0 ? prefix : field.StartsWith('[') ? prefix + field : $"{prefix}.{field}";
}
