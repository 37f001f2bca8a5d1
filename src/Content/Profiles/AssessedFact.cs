namespace Platform.Content.Profiles;

/// <summary>Onboarding's current risk level (C1..C5 as 1..5), numbered by its risk_level_sequence (0: an event without one).</summary>
/// <param name="Offset">The event's offset on its partition: used only for an event without a sequence.</param>
public sealed record AssessedFact(string ClientId, int Tolerance, long Sequence, long Offset) : ProfileFact(ClientId);
