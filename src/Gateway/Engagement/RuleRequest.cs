namespace Platform.Gateway.Engagement;

/// <summary>
/// POST /v1/rules and PUT /v1/rules/{key}: the whole rule (API.md, Engagement, Rules, with the additions alsoOn, schedule,
/// escalations and whenCapped). On PUT, `version` is the version the operator read: when another edit came first the PUT
/// is a 409 and changes nothing. Engagement checks every value and names each field it refuses.
/// </summary>
public sealed class RuleRequest
{
    /// <summary>M01..M17 or an operator's own: 1 to 40 letters, digits, '-' or '_'; on PUT optional, and then the route's.</summary>
    public string? Key { get; init; }

    public string? Name { get; init; }

    /// <summary>S1..S6 where the moment usually happens, or null.</summary>
    public string? Stage { get; init; }

    /// <summary>0..100, higher first when several moments of a client fire at once; absent: 50.</summary>
    public int? Priority { get; init; }

    /// <summary>Absent: true.</summary>
    public bool? Enabled { get; init; }

    public RuleTriggerBody? Trigger { get; init; }

    /// <summary>Null: the rule fires on the trigger. Set: it fires when none of these events followed the trigger within the period.</summary>
    public RuleAbsenceBody? Absence { get; init; }

    /// <summary>Null: the rule fires at once. Set: it fires at the time it names (and again every period when set).</summary>
    public RuleScheduleBody? Schedule { get; init; }

    /// <summary>All must hold; absent: none.</summary>
    public IReadOnlyList<RuleConditionBody?>? Conditions { get; init; }

    /// <summary>client | episode | event | day | year: what makes two firings one moment instance.</summary>
    public string? Once { get; init; }

    public RuleActionBody? Action { get; init; }

    /// <summary>PUT: the expected current version (a stale one is a 409); absent: replace whatever is current. Ignored on POST.</summary>
    public int? Version { get; init; }
}
