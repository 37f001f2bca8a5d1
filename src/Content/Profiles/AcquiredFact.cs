namespace Platform.Content.Profiles;

/// <summary>Where the client came from: the acquisition channel and campaign, and when it registered.</summary>
public sealed record AcquiredFact(string ClientId, string? Channel, string? Campaign, DateTimeOffset? RegisteredAt) : ProfileFact(ClientId);
