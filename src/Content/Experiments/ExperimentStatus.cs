namespace Platform.Content.Experiments;

/// <summary>A running experiment assigns, gates and counts; a stopped one does none of it (its items serve as plain items).</summary>
public enum ExperimentStatus
{
    Running,
    Stopped,
}
