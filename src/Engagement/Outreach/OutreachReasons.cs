namespace Platform.Engagement.Outreach;

/// <summary>Why an instance was not sent (API.md's audit reasons).</summary>
public static class OutreachReasons
{
    public const string Cap = "cap";
    public const string QuietHours = "quiet_hours";
    public const string Holdout = "holdout";
    public const string Unsuitable = "unsuitable";
    public const string LowerPriority = "lower_priority";
    public const string Erased = "erased";
    public const string NoContent = "no_content";
    public const string DeliveryFailed = "delivery_failed";

    /// <summary>Every reason, in the order the report lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Cap, QuietHours, Holdout, Unsuitable, LowerPriority, Erased, NoContent, DeliveryFailed];
}
