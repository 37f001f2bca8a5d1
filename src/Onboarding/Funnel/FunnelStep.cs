namespace Platform.Onboarding.Funnel;

/// <summary>The steps of account opening, in the order of the standard funnel.</summary>
public enum FunnelStep
{
    Registered = 1,
    PhoneVerified,
    IdUploaded,
    IdVerified,
    FaceVerified,
    ProfileCompleted,
    RiskAssessed,
    BankCardBound,
    DepositorySigned,
    AgreementsSigned,
    VideoWitnessed,
    Submitted,
    Approved,

    /// <summary>Not a position in the funnel: the review sent the client back to a named step.</summary>
    Rejected = 100,
}

/// <summary>Wire names (<c>id_uploaded</c>) of the steps, as the API and events spell them.</summary>
public static class FunnelSteps
{
    private static readonly Dictionary<FunnelStep, string> Names = new()
    {
        [FunnelStep.Registered] = "registered",
        [FunnelStep.PhoneVerified] = "phone_verified",
        [FunnelStep.IdUploaded] = "id_uploaded",
        [FunnelStep.IdVerified] = "id_verified",
        [FunnelStep.FaceVerified] = "face_verified",
        [FunnelStep.ProfileCompleted] = "profile_completed",
        [FunnelStep.RiskAssessed] = "risk_assessed",
        [FunnelStep.BankCardBound] = "bank_card_bound",
        [FunnelStep.DepositorySigned] = "depository_signed",
        [FunnelStep.AgreementsSigned] = "agreements_signed",
        [FunnelStep.VideoWitnessed] = "video_witnessed",
        [FunnelStep.Submitted] = "submitted",
        [FunnelStep.Approved] = "approved",
        [FunnelStep.Rejected] = "rejected",
    };

    private static readonly Dictionary<string, FunnelStep> ByName = Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> WireNames => ByName.Keys;

    public static string ToWireName(this FunnelStep step) => Names[step];

    public static bool TryParse(string? name, out FunnelStep step) => ByName.TryGetValue(name ?? string.Empty, out step);
}
