namespace Platform.Engagement.Settings;

/// <summary>At most <paramref name="Count"/> sends to one client on one channel in any sliding <paramref name="Per"/>; 0: never.</summary>
public sealed record FrequencyCap(int Count, TimeSpan Per);
