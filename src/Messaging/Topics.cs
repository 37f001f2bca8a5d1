namespace Platform.Messaging;

/// <summary>
/// Every topic of the platform. All are keyed by client id. Each has a dead-letter twin
/// (<c>&lt;topic&gt;.dlq</c>) that receives messages whose handler kept failing.
/// Topics are created ahead of time (DevBroker pre-creates them; production provisions them),
/// never by the admin API at run time.
/// </summary>
public static class Topics
{
    /// <summary>Facts published by Onboarding: steps, stalls, approvals, dormancy.</summary>
    public const string OnboardingEvents = "onboarding.events";

    /// <summary>Activity from core brokerage systems, forwarded by the gateway.</summary>
    public const string ActivityEvents = "activity.events";

    /// <summary>Facts published by Tiering: tier changes, warnings.</summary>
    public const string TieringEvents = "tiering.events";

    /// <summary>Facts published by Engagement: outreach decisions.</summary>
    public const string EngagementEvents = "engagement.events";

    /// <summary>Facts published by Content: exposures and conversions.</summary>
    public const string ContentEvents = "content.events";

    /// <summary>The suffix of a dead-letter topic.</summary>
    public const string DeadLetterSuffix = ".dlq";

    /// <summary>The main topics, without their dead-letter twins.</summary>
    public static IReadOnlyList<string> Main { get; } =
        [OnboardingEvents, ActivityEvents, TieringEvents, EngagementEvents, ContentEvents];

    /// <summary>Every topic to provision: each main topic and its dead-letter twin.</summary>
    public static IReadOnlyList<string> All { get; } =
        Main.SelectMany(topic => new[] { topic, DeadLetterOf(topic) }).ToArray();

    /// <summary>The dead-letter topic of <paramref name="topic"/>.</summary>
    public static string DeadLetterOf(string topic) => topic + DeadLetterSuffix;
}
