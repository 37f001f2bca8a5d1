namespace Platform.ServiceDefaults.Validation;

/// <summary>Field errors gathered in the order found, several per field, as the gateway's 400 lists them.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = [];

    public int Count => errors.Count;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public bool Lacks(string field) => !errors.ContainsKey(field);

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
