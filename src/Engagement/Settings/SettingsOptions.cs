namespace Platform.Engagement.Settings;

/// <summary>Engagement:Settings.</summary>
public sealed class SettingsOptions
{
    /// <summary>
    /// How long an instance uses the settings it read before it reads them again: a PUT is in force at once in the
    /// instance that answered it and in every other instance within this time. Zero reads them for every use.
    /// </summary>
    public TimeSpan CacheTime { get; set; } = TimeSpan.FromSeconds(5);
}
