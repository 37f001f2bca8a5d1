namespace Platform.Content.Experiments;

/// <summary>Content:Experiments.</summary>
public sealed class ExperimentOptions
{
    /// <summary>
    /// How far a reported occurredAt may lie ahead of the server's clock before the conversion is refused (400 naming
    /// occurredAt): a core system's clock a little ahead of Content's is normal, a conversion from the future is a bug.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);
}
