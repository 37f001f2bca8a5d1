namespace Platform.Onboarding.Funnel;

/// <summary>The service's rule for client ids (the gateway checks only their shape): the columns hold this many characters.</summary>
public static class ClientIds
{
    public const int MaxLength = 64;
}
