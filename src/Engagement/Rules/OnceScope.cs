namespace Platform.Engagement.Rules;

/// <summary>What makes two firings of a rule one moment instance (the business key of <see cref="InstanceKeys"/>).</summary>
public enum OnceScope
{
    /// <summary>Once per client, ever.</summary>
    Client,

    /// <summary>Once per episode the trigger event names (a stall level, a rejection, a warning); see <see cref="InstanceKeys"/>.</summary>
    Episode,

    /// <summary>Once per triggering event (its event id).</summary>
    Event,

    /// <summary>Once per calendar day in Asia/Shanghai.</summary>
    Day,

    /// <summary>Once per calendar year in Asia/Shanghai.</summary>
    Year,
}
