namespace Platform.Content.Profiles;

/// <summary>The account's first funding: the earliest time seen is the one.</summary>
public sealed record FundedFact(string ClientId, DateTimeOffset At) : ProfileFact(ClientId);
