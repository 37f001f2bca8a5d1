namespace Platform.Engagement.Outreach.Reports;

/// <summary>One side of the comparison: clients in it, clients who reached the goal, and their share (null with no clients).</summary>
public sealed record UpliftGroup(long Clients, long Converted)
{
    public double? Rate => Clients > 0 ? (double)Converted / Clients : null;
}
