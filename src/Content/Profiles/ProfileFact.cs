namespace Platform.Content.Profiles;

/// <summary>
/// One fact about a client that an event carries, as <see cref="ProfileFacts.ApplyAsync"/> writes it. One event may carry
/// several (an approval carries the acquisition, the approval and the current risk level).
/// </summary>
public abstract record ProfileFact(string ClientId);
