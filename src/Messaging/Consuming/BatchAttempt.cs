namespace Platform.Messaging.Consuming;

/// <summary>How one transaction over a run of a batch ended.</summary>
internal enum BatchAttempt
{
    /// <summary>Committed (or every event was a duplicate).</summary>
    Committed,

    /// <summary>The handler failed: which event is unknown.</summary>
    Failed,

    /// <summary>The host is stopping: nothing of the run is done.</summary>
    Stopping,
}
