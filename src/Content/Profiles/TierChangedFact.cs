namespace Platform.Content.Profiles;

/// <summary>Tiering's tier (V0..V7) from <paramref name="At"/> on: the latest change wins.</summary>
public sealed record TierChangedFact(string ClientId, string Tier, DateTimeOffset At) : ProfileFact(ClientId);
