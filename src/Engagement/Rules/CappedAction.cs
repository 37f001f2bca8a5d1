namespace Platform.Engagement.Rules;

/// <summary>What an outreach over its channel's frequency cap becomes.</summary>
public enum CappedAction
{
    /// <summary>Nothing is sent (the default): the instance is suppressed with reason cap.</summary>
    Suppress,

    /// <summary>Sent to the in-app inbox instead, which has no cap.</summary>
    Inbox,
}
