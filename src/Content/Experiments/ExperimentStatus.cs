namespace Platform.Content.Experiments;

/// <summary>
/// A running experiment assigns, gates and counts. A stopped one (never started, or stopped) serves its control alone,
/// as a plain item, to everyone and hides its other arms; it draws and counts nothing, and conversions dated after its
/// stop do not count.
/// </summary>
public enum ExperimentStatus
{
    Running,
    Stopped,
}
