namespace Platform.Content.Profiles;

/// <summary>A trade or a product purchase: the latest time seen is the one.</summary>
public sealed record TradedFact(string ClientId, DateTimeOffset At) : ProfileFact(ClientId);
