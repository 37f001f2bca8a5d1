namespace Platform.Content.Profiles;

/// <summary>Engagement's lifecycle stage of the client (S1..S6) from its StageChanged: the latest time seen is the one.</summary>
public sealed record StageChangedFact(string ClientId, string Stage, DateTimeOffset At) : ProfileFact(ClientId);
