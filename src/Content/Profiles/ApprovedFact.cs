namespace Platform.Content.Profiles;

/// <summary>The account's approval: the earliest time seen is the one.</summary>
public sealed record ApprovedFact(string ClientId, DateTimeOffset At) : ProfileFact(ClientId);
