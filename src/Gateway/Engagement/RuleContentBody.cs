namespace Platform.Gateway.Engagement;

/// <summary>Content asked of Content's selection: an item of this kind carrying every one of these labels.</summary>
public sealed class RuleContentBody
{
    /// <summary>product | insight | feature | service | campaign | benefit.</summary>
    public string? Kind { get; init; }

    /// <summary>Labels the item must carry (e.g. moment-m06); absent: none.</summary>
    public IReadOnlyList<string?>? Tags { get; init; }
}
