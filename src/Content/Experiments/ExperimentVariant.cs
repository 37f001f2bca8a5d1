namespace Platform.Content.Experiments;

/// <summary>One arm: its name, its share of new clients and the item its clients are served.</summary>
public sealed record ExperimentVariant(string Name, int Weight, string ItemId);
