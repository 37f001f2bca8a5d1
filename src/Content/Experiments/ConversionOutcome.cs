namespace Platform.Content.Experiments;

/// <summary>What became of a reported conversion.</summary>
public enum ConversionOutcome
{
    /// <summary>Stored and counted now.</summary>
    Counted,

    /// <summary>Stored, not counted (yet): not exposed, outside the window, after the stop, or the client converted before.</summary>
    Stored,

    /// <summary>
    /// Not stored, not counted: the client was not exposed and the conversion is not dated ahead, so it can never count (a
    /// first exposure recorded later starts after it). Nothing is kept, so a replay answers the same.
    /// </summary>
    NotStored,

    /// <summary>The same event id for this client and experiment, with the same occurredAt: changes nothing.</summary>
    Duplicate,

    /// <summary>The same event id for this client and experiment with another occurredAt: refused, the stored one stands.</summary>
    Conflicting,
}
