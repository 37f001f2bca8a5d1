namespace Platform.Content.Experiments;

/// <summary>
/// A running experiment assigns, gates and counts. A stopped one that ran serves its control alone, as a plain item, to
/// everyone and hides its other arms; it draws and counts nothing, and conversions dated after its stop do not count. One
/// saved stopped that never ran (a draft: no stoppedAt) gates nothing: its items serve as if it did not exist.
/// </summary>
public enum ExperimentStatus
{
    Running,
    Stopped,
}
