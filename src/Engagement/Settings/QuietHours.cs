namespace Platform.Engagement.Settings;

/// <summary>
/// The hours in which the listed channels stay silent, as local times of one zone. A window whose end is before its
/// start runs across midnight (22:00-08:00); start equal to end means no quiet hours at all.
/// </summary>
public sealed record QuietHours(TimeOnly Start, TimeOnly End, TimeZoneInfo TimeZone, IReadOnlyList<string> Channels);
