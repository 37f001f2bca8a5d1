namespace Platform.Gateway.Content;

/// <summary>
/// The gateway's part of Content's checks: presence and shape only. The values (kinds, tiers, tags,
/// templates, ranges) are Content's, which names every field it refuses; a second copy of its rules
/// here would drift from them.
/// </summary>
internal sealed class ContentShape
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public void Require(string field, object? value, string what)
    {
        if (value is null)
        {
            Errors[field] = [$"is required ({what})"];
        }
    }

    /// <summary>A null inside a list has no gRPC form: named here (`tags[2]`), rather than dropped or a 500.</summary>
    public void NoNullElements(string field, IReadOnlyList<string>? values)
    {
        for (var i = 0; values is not null && i < values.Count; i++)
        {
            if (values[i] is null)
            {
                Errors[$"{field}[{i}]"] = ["must be a string, not null"];
            }
        }
    }

    /// <summary>A body's id, when given, must be the route's: an id names the thing and never changes.</summary>
    public void SameAsRoute(string field, string? bodyValue, string routeValue)
    {
        if (bodyValue is not null && !string.Equals(bodyValue, routeValue, StringComparison.Ordinal))
        {
            Errors[field] = [$"differs from the route's; {field} cannot change"];
        }
    }
}
