using Platform.Content.Catalog;

namespace Platform.Content.Selection;

/// <summary>An item as a client receives it: rendered for it, with the experiment arm that chose it.</summary>
public sealed record ServedItem(string ItemId, ContentKind Kind, string Title, string Body, int Priority, int Version, ExperimentArm? Experiment);
