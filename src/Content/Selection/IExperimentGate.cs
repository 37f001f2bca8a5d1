namespace Platform.Content.Selection;

/// <summary>
/// Whether an item may be served to the client selection is working for: an item of a running
/// experiment goes only to the clients assigned its variant. Items in no experiment pass.
/// </summary>
public interface IExperimentGate
{
    /// <summary>Null: not in a running experiment. Otherwise whether this client's variant serves it, and the arm.</summary>
    (bool Serve, ExperimentArm Arm)? Check(string itemId);
}
