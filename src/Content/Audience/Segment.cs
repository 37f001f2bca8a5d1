namespace Platform.Content.Audience;

/// <summary>A named tag expression operators target items with; the expression is kept as written and parsed where it is used.</summary>
public sealed class Segment
{
    private Segment()
    {
    }

    public required string Key { get; init; }

    public string Expression { get; private set; } = "";

    public int Version { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Segment Create(string key, string expression, DateTimeOffset at)
    {
        var segment = new Segment { Key = key };
        segment.Update(expression, at);
        return segment;
    }

    public void Update(string expression, DateTimeOffset at)
    {
        Expression = expression;
        Version++;
        UpdatedAt = at;
    }
}
