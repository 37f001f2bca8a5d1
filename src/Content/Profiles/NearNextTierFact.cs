namespace Platform.Content.Profiles;

/// <summary>CNY to the next tier, as Tiering measured it at <paramref name="At"/>.</summary>
public sealed record NearNextTierFact(string ClientId, decimal Amount, DateTimeOffset At) : ProfileFact(ClientId);
