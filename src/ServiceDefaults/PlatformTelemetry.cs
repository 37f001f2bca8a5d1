namespace Platform.ServiceDefaults;

/// <summary>Naming shared by every meter and activity source of the platform, so that one wildcard exports them all.</summary>
public static class PlatformTelemetry
{
    public const string MeterPrefix = "Platform.";
    public const string ActivitySourcePrefix = "Platform.";
}
