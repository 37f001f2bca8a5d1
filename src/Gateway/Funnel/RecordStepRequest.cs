using System.Text.Json.Serialization;
using Platform.Gateway.Auth;
using Platform.Gateway.Json;

namespace Platform.Gateway.Funnel;

/// <summary>
/// POST /v1/onboarding/steps. Every member is nullable so that a missing field is reported by
/// name by <see cref="RecordStepValidator"/> rather than as an unreadable body.
/// </summary>
public sealed class RecordStepRequest : IClientScoped
{
    /// <summary>A UUID chosen by the caller; replaying it changes nothing.</summary>
    public string? EventId { get; init; }

    public string? ClientId { get; init; }

    public string? Funnel { get; init; }

    public FunnelStep? Step { get; init; }

    [JsonConverter(typeof(OffsetDateTimeConverter))]
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Required, except on `approved` and `rejected` (posted by back-office systems).</summary>
    public AcquisitionChannel? Channel { get; init; }

    public string? Campaign { get; init; }

    public string? Device { get; init; }

    /// <summary>1 when absent.</summary>
    public int? Attempt { get; init; }

    /// <summary>Only with step `risk_assessed`, and set by core systems only (Onboarding decides: it is required from them, 403 from a client app).</summary>
    public RiskLevel? RiskLevel { get; init; }

    /// <summary>Only with step `rejected`.</summary>
    public string? Reason { get; init; }

    /// <summary>Only with, and required with, step `rejected`: the step the client goes back to.</summary>
    public FunnelStep? BackToStep { get; init; }
}

public sealed record RecordStepResponse(string ClientId, string Status, string CurrentStep, string? NextStep, bool Duplicate);

public sealed record ProgressResponse(
    string ClientId,
    string Funnel,
    string Status,
    string CurrentStep,
    string? NextStep,
    IReadOnlyList<string> CompletedSteps,
    DateTimeOffset? StalledSince,
    DateTimeOffset? LastActivityAt);
