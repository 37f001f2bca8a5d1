namespace Platform.Content.Experiments;

/// <summary>A variant's name and its share of new clients (weights are relative; they need not sum to 100).</summary>
public readonly record struct VariantWeight(string Name, int Weight);
