namespace Platform.Engagement.Outreach.Reports;

/// <summary>One group of one moment as the report's query counts it (the query aliases its columns to these names).</summary>
public sealed class UpliftRow
{
    public required string Moment { get; init; }

    /// <summary>True: sent (treated); false: suppressed for the holdout.</summary>
    public bool Treated { get; init; }

    public long Clients { get; init; }

    public long Converted { get; init; }
}
