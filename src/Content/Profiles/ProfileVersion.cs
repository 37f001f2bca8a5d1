namespace Platform.Content.Profiles;

/// <summary>A profile a statement changed, and its version after the change (what its feed's invalidation must reach).</summary>
public sealed record ProfileVersion(string ClientId, long Version);
