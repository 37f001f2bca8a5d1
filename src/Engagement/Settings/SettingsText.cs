using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Platform.Engagement.Settings;

/// <summary>The text forms settings arrive in: HH:mm, IANA zone ids, ISO 8601 durations and decimals.</summary>
public static partial class SettingsText
{
    public const string DurationHint = "an ISO 8601 duration in days, hours, minutes or seconds, e.g. PT1M, PT24H or P7D";

    public static bool TryParseTime(string? text, out TimeOnly time)
    {
        time = default;
        return text is not null && ClockTime().IsMatch(text)
            && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    /// <summary>
    /// A zone of this machine's time zone database by its IANA id (Windows ids, which .NET would also map, are refused:
    /// the contract says IANA). The shape check keeps paths out of the lookup, which reads /usr/share/zoneinfo.
    /// </summary>
    public static bool TryFindZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (id is not { Length: > 0 and <= 64 } || !ZoneId().IsMatch(id)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) || !found.HasIanaId)
        {
            return false;
        }

        zone = found;
        return true;
    }

    /// <summary>Days, hours, minutes and seconds only: years and months have no fixed length.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Trim() != text || text.Split('T')[0].Contains('M') || text.Contains('Y') || text.Contains('W'))
        {
            return false;
        }

        try
        {
            value = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException)
        {
            return false;
        }
    }

    public static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        return !string.IsNullOrEmpty(text)
            && decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool HasAtMostDecimals(decimal value, int decimals) => decimal.Round(value, decimals) == value;

    [GeneratedRegex("^[0-2][0-9]:[0-5][0-9]$")]
    private static partial Regex ClockTime();

    [GeneratedRegex("^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$")]
    private static partial Regex ZoneId();
}
