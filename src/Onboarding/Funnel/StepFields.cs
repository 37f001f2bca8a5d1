namespace Platform.Onboarding.Funnel;

/// <summary>
/// The service's limits for a step's free-text fields (the gateway checks only their shape): what
/// the columns (client_funnels.funnel and .campaign) and the published events hold.
/// </summary>
public static class StepFields
{
    public const int MaxFunnelName = 64;
    public const int MaxCampaign = 128;
    public const int MaxDevice = 64;
    public const int MaxReason = 256;
}
