namespace Platform.Onboarding.Funnel;

/// <summary>The answer given to a step event, kept so that a replay of its event id gets the same answer.</summary>
public sealed class RecordedStepEvent
{
    public Guid EventId { get; init; }

    public required string ClientId { get; init; }

    public required string Status { get; init; }

    public required string CurrentStep { get; init; }

    public required string NextStep { get; init; }

    public DateTimeOffset RecordedAt { get; init; }
}
